package io.scanflow.ingest.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per API key, in this instance's memory: with N instances behind a load balancer
 * a key may get up to N times the limit in total.
 */
public final class RateLimiter {
  private final int perMinute;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(int perMinute, LongSupplier nanoClock) {
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
  }

  public int perMinute() {
    return perMinute;
  }

  /** Counts one request of the key identified by {@code keyHash}. */
  public RateLimitDecision tryAcquire(String keyHash) {
    return buckets.computeIfAbsent(keyHash, k -> new TokenBucket(perMinute, nanoClock)).tryTake();
  }
}
