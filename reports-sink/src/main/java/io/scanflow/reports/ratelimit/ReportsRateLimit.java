package io.scanflow.reports.ratelimit;

import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.reports.ReportsConfig;
import io.scanflow.reports.api.ApiProblem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.core.Response.Status;
import java.time.Duration;

/**
 * The reports API's token buckets, one per caller (applied by {@code auth.AccessFilter}); the
 * setting is checked at start-up.
 */
@ApplicationScoped
public class ReportsRateLimit {
  private final RateLimiter limiter;

  public ReportsRateLimit(ReportsConfig config) {
    int perMinute = config.reports().rateLimit().requestsPerMinute();
    if (perMinute < 1) {
      throw new IllegalStateException(
          "scanflow.reports.rate-limit.requests-per-minute must be at least 1, was " + perMinute);
    }
    this.limiter = new RateLimiter(perMinute, System::nanoTime);
  }

  /** Fails start-up on a bad setting rather than the first request. */
  void checkAtStartUp(@Observes StartupEvent event) {
    // Observing the event is enough: it creates this bean.
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
