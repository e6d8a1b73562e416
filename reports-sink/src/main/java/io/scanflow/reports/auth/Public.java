package io.scanflow.reports.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Access rule: no caller is identified and no rate limit applies; the endpoint checks what it needs
 * itself (the login form's token, behind the failure throttle) or needs nothing (logout). See
 * {@link AccessRule}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface Public {}
