package io.scanflow.contract.ratelimit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * One token bucket per caller (an API key's hash, a session, a client address), in this instance's
 * memory: with N instances behind a load balancer a caller may get up to N times the limit in
 * total, unless each instance also {@link #charge}s what the others admitted (ingest-api does).
 */
public final class RateLimiter {
  /**
   * Above this many callers, buckets that are full again are dropped (a new one is the same), at
   * most once a minute: a bucket idle for a minute is full, so memory stays bounded by the callers
   * of the last minute, and the scan costs nothing per request.
   */
  static final int PRUNE_ABOVE = 10_000;

  private static final long PRUNE_EVERY_NANOS = 60_000_000_000L;

  private final int perMinute;
  private final LongSupplier nanoClock;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();
  private final AtomicLong lastPrune;

  public RateLimiter(int perMinute, LongSupplier nanoClock) {
    TokenBucket.requireRate(perMinute);
    this.perMinute = perMinute;
    this.nanoClock = nanoClock;
    this.lastPrune = new AtomicLong(nanoClock.getAsLong());
  }

  public int perMinute() {
    return perMinute;
  }

  /** Counts one request of the caller named {@code caller}. */
  public RateLimitDecision tryAcquire(String caller) {
    pruneIfDue();
    return bucket(caller).tryTake();
  }

  /** What a refused request of {@code caller} would be told now; takes no token. */
  public RateLimitDecision refusal(String caller) {
    return bucket(caller).refusal();
  }

  /**
   * Counts {@code requests} of the caller that were admitted elsewhere (see {@link
   * TokenBucket#charge}).
   */
  public void charge(String caller, int requests) {
    pruneIfDue();
    bucket(caller).charge(requests);
  }

  private TokenBucket bucket(String caller) {
    return buckets.computeIfAbsent(caller, k -> new TokenBucket(perMinute, nanoClock));
  }

  // Callers seen once (e.g. many client addresses) must not grow memory for ever. A request racing
  // with the removal of its bucket may go uncounted; that is one request per pruned bucket.
  private void pruneIfDue() {
    long now = nanoClock.getAsLong();
    long last = lastPrune.get();
    if (buckets.size() > PRUNE_ABOVE
        && now - last >= PRUNE_EVERY_NANOS
        && lastPrune.compareAndSet(last, now)) {
      buckets.values().removeIf(TokenBucket::full);
    }
  }

  /** How many callers have a bucket now. */
  int tracked() {
    return buckets.size();
  }
}
