package io.scanflow.reports.ratelimit;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;

/** The reports API's token buckets, one per caller (applied by {@code auth.AccessFilter}). */
@ApplicationScoped
public class ReportsRateLimit {
  private final RateLimiter limiter;

  public ReportsRateLimit(ReportsConfig config) {
    this.limiter =
        new RateLimiter(config.reports().rateLimit().requestsPerMinute(), System::nanoTime);
  }

  public RateLimitDecision admit(String caller) {
    return limiter.tryAcquire(caller);
  }

  /** The 429 answer to a request {@code decision} did not admit. */
  public ApiProblem exceeded(RateLimitDecision decision) {
    return ApiProblem.retryLater(
        Status.TOO_MANY_REQUESTS,
        "Rate limit exceeded: " + limiter.perMinute() + " requests per minute per caller",
        Duration.ofSeconds(decision.retryAfterSeconds()));
  }
}
