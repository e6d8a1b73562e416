package io.scanflow.reports.ratelimit;

import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.reports.ReportsConfig;
import jakarta.enterprise.context.ApplicationScoped;

/** The reports API's token buckets, one per caller. */
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

  public int perMinute() {
    return limiter.perMinute();
  }
}
