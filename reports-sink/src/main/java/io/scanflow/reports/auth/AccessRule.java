package io.scanflow.reports.auth;

import java.lang.annotation.Annotation;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Who may call a resource method, as its annotation says: {@link AdminOnly}, {@link SiteReport} or
 * {@link Public}, on the method or else on its class. Every resource method must have exactly one;
 * {@link AccessFilter} refuses to serve one without, so no endpoint is open by omission.
 */
public enum AccessRule {
  ADMIN_ONLY(AdminOnly.class),
  SITE_REPORT(SiteReport.class),
  PUBLIC(Public.class);

  private final Class<? extends Annotation> annotation;

  AccessRule(Class<? extends Annotation> annotation) {
    this.annotation = annotation;
  }

  /**
   * The rule of {@code method}: its own annotation, else its class's. Empty if there is none, or if
   * the method (or, without one, the class) has more than one: an ambiguous rule is no rule.
   */
  public static Optional<AccessRule> of(Method method) {
    List<AccessRule> own = declaredOn(method);
    return own.isEmpty() ? single(declaredOn(method.getDeclaringClass())) : single(own);
  }

  private static List<AccessRule> declaredOn(AnnotatedElement element) {
    return Arrays.stream(values()).filter(r -> element.isAnnotationPresent(r.annotation)).toList();
  }

  private static Optional<AccessRule> single(List<AccessRule> rules) {
    return rules.size() == 1 ? Optional.of(rules.get(0)) : Optional.empty();
  }
}
