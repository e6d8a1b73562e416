package io.scanflow.ingest.overload;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * How many event requests ingest-api works on at once: an adaptive concurrency limit. A request
 * over the limit is refused at once (the caller answers 503), before its body is read, so that a
 * refusal costs a small fraction of an accepted event and the answers keep coming within the
 * deadline however much more is offered than the stack can take.
 *
 * <p>The limit follows the answer time of the requests it admitted. Every {@link #adjust} (a tick,
 * about every 100 ms) takes their mean answer time in the last tick plus how late the tick itself
 * ran (the time a request waits for the event loop before ingest sees it), smooths it with the
 * ticks before ({@link #SMOOTHING}: one slow tick, a garbage collection, moves it by a quarter),
 * and compares that with the target:
 *
 * <ul>
 *   <li>above the target, the limit falls to 90 % of the requests that were in flight at most
 *       during the tick (multiplicative decrease), never below {@code min};
 *   <li>at or below it, the limit rises by a sixteenth, at least 1, never above {@code max}
 *       (additive increase, so a recovered stack is back to its full limit within seconds).
 * </ul>
 *
 * <p>{@code min} is a floor that a client with fewer requests in flight never meets, so a slow
 * broker alone cannot turn a handful of requests into refusals: those wait for the publish deadline
 * and get its 503, as before. Thread-safe: admissions and releases come from every event loop, the
 * adjustment from a timer.
 */
public final class AdmissionLimit {
  /** The weight of the newest tick in the smoothed answer time. */
  static final double SMOOTHING = 0.25;

  private final int min;
  private final int max;
  private final long targetNanos;

  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger peakInFlight = new AtomicInteger();
  private final LongAdder answered = new LongAdder();
  private final LongAdder answerNanos = new LongAdder();
  private volatile int limit;
  private volatile long smoothedNanos;

  public AdmissionLimit(int min, int max, long targetNanos) {
    if (min < 1 || max < min || targetNanos <= 0) {
      throw new IllegalArgumentException(
          "need 1 <= min <= max and a positive target: " + min + ", " + max + ", " + targetNanos);
    }
    this.min = min;
    this.max = max;
    this.targetNanos = targetNanos;
    this.limit = max;
  }

  /** Takes a place if one is free under the limit; false means: refuse the request. */
  public boolean tryAdmit() {
    while (true) {
      int current = inFlight.get();
      if (current >= limit) {
        return false;
      }
      if (inFlight.compareAndSet(current, current + 1)) {
        peakInFlight.accumulateAndGet(current + 1, Math::max);
        return true;
      }
    }
  }

  /** Frees the place of an admitted request that was answered after {@code answerNanos}. */
  public void release(long answerNanos) {
    inFlight.decrementAndGet();
    answered.increment();
    this.answerNanos.add(Math.max(0, answerNanos));
  }

  /**
   * Moves the limit after a tick, from the admitted requests answered since the last call and how
   * late this tick ran. Returns the new limit.
   */
  public int adjust(long tickLateNanos) {
    long count = answered.sumThenReset();
    long total = answerNanos.sumThenReset();
    int peak = peakInFlight.getAndSet(inFlight.get());
    long mean = count == 0 ? 0 : total / count;
    long observed = mean + Math.max(0, tickLateNanos);
    long smoothed = (long) (SMOOTHING * observed + (1 - SMOOTHING) * smoothedNanos);
    smoothedNanos = smoothed;
    int current = limit;
    if (smoothed > targetNanos) {
      limit = Math.max(min, (int) (Math.min(current, Math.max(peak, min)) * 0.9));
    } else {
      limit = Math.min(max, current + Math.max(1, current / 16));
    }
    return limit;
  }

  public int limit() {
    return limit;
  }

  /** The smoothed answer time the last {@link #adjust} compared with the target. */
  public long smoothedNanos() {
    return smoothedNanos;
  }

  public int inFlight() {
    return inFlight.get();
  }
}
