package io.scanflow.contract.ratelimit;

import java.util.function.LongSupplier;

/**
 * A token bucket refilled continuously: it holds up to {@code perMinute} tokens and gains {@code
 * perMinute / 60} tokens a second; each request takes one. The clock is injectable for tests.
 */
public final class TokenBucket {
  private static final double NANOS_PER_MINUTE = 60e9;

  private final int capacity;
  private final double tokensPerNano;
  private final LongSupplier nanoClock;
  private double tokens;
  private long lastRefill;

  public TokenBucket(int perMinute, LongSupplier nanoClock) {
    requireRate(perMinute);
    this.capacity = perMinute;
    this.tokensPerNano = perMinute / NANOS_PER_MINUTE;
    this.nanoClock = nanoClock;
    this.tokens = perMinute;
    this.lastRefill = nanoClock.getAsLong();
  }

  /** Takes a token if there is one. */
  public synchronized RateLimitDecision tryTake() {
    refill();
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    return decision(allowed);
  }

  /** What a refused request would be told now, without taking a token. */
  public synchronized RateLimitDecision refusal() {
    refill();
    return decision(false);
  }

  /**
   * Takes {@code requests} tokens that were spent elsewhere (another instance admitted them). The
   * bucket may go into debt, down to minus its capacity: it then admits nothing until the refill
   * has paid the debt, as one shared bucket would have.
   */
  public synchronized void charge(int requests) {
    refill();
    tokens = Math.max(-capacity, tokens - Math.max(0, requests));
  }

  /** True when the bucket holds its full capacity again, i.e. it is as good as a new one. */
  public synchronized boolean full() {
    refill();
    return tokens >= capacity;
  }

  private RateLimitDecision decision(boolean allowed) {
    long retryAfter = allowed ? 0 : Math.max(1, ceilSeconds((1 - tokens) / tokensPerNano));
    return new RateLimitDecision(
        allowed,
        capacity,
        (int) Math.max(0, Math.floor(tokens)),
        ceilSeconds((capacity - tokens) / tokensPerNano),
        retryAfter);
  }

  static void requireRate(int perMinute) {
    if (perMinute < 1) {
      throw new IllegalArgumentException("A rate limit needs at least 1 request per minute");
    }
  }

  private void refill() {
    long now = nanoClock.getAsLong();
    long elapsed = Math.max(0, now - lastRefill);
    tokens = Math.min(capacity, tokens + elapsed * tokensPerNano);
    lastRefill = now;
  }

  private static long ceilSeconds(double nanos) {
    return (long) Math.ceil(nanos / 1e9 - 1e-9);
  }
}
