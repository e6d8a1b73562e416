package io.scanflow.reports.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Access rule: one site's report, named by the {@value #PATH_PARAM} path parameter; the admin may
 * read it, and so may that site's own key; another site's key gets 403. See {@link AccessRule}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.METHOD})
public @interface SiteReport {
  /** The path parameter that names the site. */
  String PATH_PARAM = "siteId";
}
