package io.scanflow.reports.auth;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.reports.api.ApiProblem;
import io.scanflow.reports.ratelimit.ReportsRateLimit;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.ResourceInfo;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;
import java.lang.reflect.Method;

/**
 * The reports API's one access decision, for every resource method, before any query runs, by the
 * method's {@link AccessRule}. A method without a rule is never served (500, and {@code
 * AccessRuleTest} fails the build first). For any rule but {@link Public}, in this order:
 *
 * <ol>
 *   <li>who calls ({@link AccessGuard#identify}), without answering yet;
 *   <li>the rate limit of that caller, or of the client address when authentication failed (an IPv6
 *       /64 counting as one), so that a flood of made-up keys is throttled without a bucket per
 *       made-up key → 429 with {@code Retry-After};
 *   <li>the authentication failure, if any → 401, 403, 429 (admin-token throttle) or 503;
 *   <li>what the rule lets this caller read → 403.
 * </ol>
 *
 * Every answer after step 2 carries the {@code RateLimit-*} headers, as ingest-api's do.
 */
@Provider
@Priority(Priorities.AUTHENTICATION)
public class AccessFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String DECISION = AccessFilter.class.getName() + ".decision";

  // Providers: JAX-RS providers are built at static init, before runtime config exists.
  @Inject Instance<AccessGuard> guard;
  @Inject Instance<ReportsRateLimit> limit;
  @Inject Instance<HttpServerRequest> http;
  @Context HttpHeaders headers;
  @Context ResourceInfo resource;

  @Override
  public void filter(ContainerRequestContext request) {
    Method method = resource.getResourceMethod();
    AccessRule rule =
        AccessRule.of(method)
            .orElseThrow(() -> new IllegalStateException("No access rule on " + method));
    if (rule == AccessRule.PUBLIC) {
      return;
    }
    ReportReader reader = null;
    ApiProblem refusal = null;
    try {
      reader = guard.get().identify(headers);
    } catch (ApiProblem problem) {
      refusal = problem;
    }
    String bucket =
        reader != null ? reader.rateLimitBucket() : "address:" + ClientAddress.of(http.get());
    RateLimitDecision decision = limit.get().admit(bucket);
    request.setProperty(DECISION, decision);
    if (!decision.allowed()) {
      request.abortWith(limit.get().exceeded(decision).getResponse());
    } else if (refusal != null) {
      request.abortWith(refusal.getResponse());
    } else {
      authorize(request, rule, reader);
    }
  }

  private void authorize(ContainerRequestContext request, AccessRule rule, ReportReader reader) {
    String siteId = request.getUriInfo().getPathParameters().getFirst(SiteReport.PATH_PARAM);
    try {
      guard.get().authorize(rule, reader, siteId);
    } catch (ApiProblem forbidden) {
      request.abortWith(forbidden.getResponse());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    if (request.getProperty(DECISION) instanceof RateLimitDecision decision) {
      response.getHeaders().putSingle("RateLimit-Limit", decision.limit());
      response.getHeaders().putSingle("RateLimit-Remaining", decision.remaining());
      response.getHeaders().putSingle("RateLimit-Reset", decision.resetSeconds());
    }
  }
}
