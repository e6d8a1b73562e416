package io.scanflow.reports.ratelimit;

import io.scanflow.contract.ApiKeyHash;
import io.scanflow.contract.Sha256;
import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.reports.api.ApiProblem;
import io.scanflow.reports.auth.AccessGuard;
import io.scanflow.reports.auth.Caller;
import io.scanflow.reports.auth.ClientAddress;
import io.scanflow.reports.auth.DashboardSessions;
import io.scanflow.reports.auth.SiteKeys;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response.Status;
import jakarta.ws.rs.ext.Provider;
import java.time.Duration;
import java.util.HexFormat;

/**
 * The reports API's rate limit, before any query runs: one token bucket per caller (a site key's
 * hash, the admin token, a dashboard session), and one per client address for requests that fail
 * authentication (an IPv6 /64 counting as one, as for the admin-token throttle), so that a flood of
 * made-up keys is throttled without a bucket per made-up key. Over the limit → 429 with {@code
 * Retry-After}; every answer carries the {@code RateLimit-*} headers, as ingest-api's do.
 */
@Provider
@RateLimited
@Priority(Priorities.AUTHENTICATION)
public class RateLimitFilter implements ContainerRequestFilter, ContainerResponseFilter {
  private static final String DECISION = RateLimitFilter.class.getName() + ".decision";

  // Providers: JAX-RS providers are built at static init, before runtime config exists.
  @Inject Instance<AccessGuard> guard;
  @Inject Instance<ReportsRateLimit> limit;
  @Inject Instance<HttpServerRequest> http;
  @Context HttpHeaders headers;

  @Override
  public void filter(ContainerRequestContext request) {
    String caller;
    ApiProblem refusal = null;
    try {
      caller = callerName(guard.get().identify(headers));
    } catch (ApiProblem problem) {
      caller = "address:" + clientAddress();
      refusal = problem;
    }
    RateLimitDecision decision = limit.get().admit(caller);
    request.setProperty(DECISION, decision);
    if (!decision.allowed()) {
      request.abortWith(
          ApiProblem.retryLater(
                  Status.TOO_MANY_REQUESTS,
                  "Rate limit exceeded: "
                      + limit.get().perMinute()
                      + " requests per minute per caller",
                  Duration.ofSeconds(decision.retryAfterSeconds()))
              .getResponse());
    } else if (refusal != null) {
      request.abortWith(refusal.getResponse());
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

  /**
   * The bucket of an authenticated caller, named by the credential that authenticated it (never a
   * secret itself): only a site key makes a site caller; an admin is the bearer token when one was
   * sent (it takes precedence in {@link AccessGuard#identify}), else a dashboard session.
   */
  private String callerName(Caller caller) {
    if (!caller.admin()) {
      return "key:" + ApiKeyHash.of(headers.getHeaderString(SiteKeys.HEADER).trim());
    }
    String authorization = headers.getHeaderString(HttpHeaders.AUTHORIZATION);
    if (authorization != null && !authorization.isBlank()) {
      return "admin";
    }
    String session = headers.getCookies().get(DashboardSessions.COOKIE).getValue();
    return "session:" + HexFormat.of().formatHex(Sha256.of(session));
  }

  private String clientAddress() {
    SocketAddress address = http.get().remoteAddress();
    return address == null ? "unknown" : ClientAddress.throttleKey(address.hostAddress());
  }
}
