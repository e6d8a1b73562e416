package io.scanflow.reports.ratelimit;

import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.contract.ratelimit.RateLimiter;
import io.scanflow.reports.ReportsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** The reports API's token buckets, one per caller; the setting is checked at start-up. */
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

  public int perMinute() {
    return limiter.perMinute();
  }
}
