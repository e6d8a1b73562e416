package io.scanflow.ingest.http;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.contract.registry.KeyCheck;
import io.scanflow.ingest.auth.Caller;
import io.scanflow.ingest.config.IngestConfig;
import io.scanflow.ingest.ratelimit.ClusterRateLimit;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;

/**
 * Checks 1–3 of http-api.md §1, before the body is read: 401 without a key, 403 for an unknown or
 * revoked one (503 instead while the key registry has not caught up, see {@link
 * ApiKeyAuthenticator}), 429 over the rate limit (shared by all instances, see {@link
 * ClusterRateLimit}). Every response after authentication carries the {@code RateLimit-*} headers.
 */
@Provider
@ApiKeyRequired
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyFilter implements ContainerRequestFilter, ContainerResponseFilter {
  public static final String HEADER = "X-API-Key";
  static final String REGISTRY_BEHIND = "API key registry is catching up, retry later";

  // Providers: JAX-RS providers are built at static init, before runtime config exists.
  @Inject Instance<ApiKeyAuthenticator> authenticator;
  @Inject Instance<ClusterRateLimit> rateLimiter;
  @Inject Instance<IngestConfig> config;
  @Inject CallerContext context;
  @Inject IngestMetrics metrics;

  @Override
  public void filter(ContainerRequestContext request) {
    String key = request.getHeaderString(HEADER);
    if (key == null || key.isBlank()) {
      metrics.refused("missing_key");
      request.abortWith(error(401, "Missing API key").build());
      return;
    }
    KeyCheck check = authenticator.get().check(key.trim());
    if (check == KeyCheck.NOT_YET_KNOWN) {
      metrics.refused("registry_behind");
      request.abortWith(
          error(503, REGISTRY_BEHIND)
              .header("Retry-After", config.get().publish().retryAfterSeconds())
              .build());
      return;
    }
    if (!(check instanceof KeyCheck.Active active)) {
      metrics.refused("invalid_key");
      request.abortWith(error(403, "Invalid or revoked API key").build());
      return;
    }
    Caller caller = new Caller(active.key(), active.keyHash());
    RateLimitDecision decision = rateLimiter.get().tryAcquire(caller.keyHash());
    context.authenticated(caller, decision);
    if (!decision.allowed()) {
      metrics.refused("rate_limited");
      request.abortWith(
          error(
                  429,
                  "Rate limit exceeded: "
                      + rateLimiter.get().perMinute()
                      + " requests per minute per API key")
              .header("Retry-After", decision.retryAfterSeconds())
              .build());
    }
  }

  @Override
  public void filter(ContainerRequestContext request, ContainerResponseContext response) {
    RateLimitDecision decision = context.rateLimit();
    if (decision != null) {
      response.getHeaders().putSingle("RateLimit-Limit", decision.limit());
      response.getHeaders().putSingle("RateLimit-Remaining", decision.remaining());
      response.getHeaders().putSingle("RateLimit-Reset", decision.resetSeconds());
    }
  }

  private static Response.ResponseBuilder error(int status, String detail) {
    return Response.status(status).type(MediaType.APPLICATION_JSON).entity(new ErrorBody(detail));
  }
}
