package io.scanflow.devstack;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * The supervisor's one way to wait for something outside this JVM (a process, a port, a broker's
 * state): ask a condition again every interval until it holds or the time is up.
 *
 * <p><b>Interrupts.</b> An interrupt ends the wait at once, whether it comes while sleeping between
 * two looks or from the condition itself (a condition may throw {@link InterruptedException}). The
 * interrupt flag is then set again, so that whoever asked this thread to stop (a shutdown, Ctrl-C)
 * still sees it after the wait: {@link #until} returns false, {@link #untilOrThrow} throws.
 */
public final class Poll {
  private Poll() {}

  /** A condition to wait for; it may throw what its work throws, which ends the wait. */
  @FunctionalInterface
  public interface Condition<E extends Exception> {
    boolean holds() throws E, InterruptedException;
  }

  /**
   * Asks {@code condition} at once and then every {@code interval}, the last time when {@code
   * timeout} is up.
   *
   * @return true as soon as the condition holds; false when the time ran out, or when the thread
   *     was interrupted (then with its interrupt flag set)
   * @throws E what the condition threw; the wait ends with it
   */
  public static <E extends Exception> boolean until(
      Condition<E> condition, Duration timeout, Duration interval) throws E {
    long deadline = System.nanoTime() + timeout.toNanos();
    try {
      while (!condition.holds()) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.sleep(Math.min(left, interval.toNanos()));
      }
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * {@link #until}, for waits the caller cannot go on without.
   *
   * @param timedOut the message when the time ran out, built only then (it may read a log tail)
   * @throws IllegalStateException with {@code timedOut}'s message when the time ran out, or saying
   *     the wait was interrupted (the interrupt flag is then set)
   */
  public static <E extends Exception> void untilOrThrow(
      Condition<E> condition, Duration timeout, Duration interval, Supplier<String> timedOut)
      throws E {
    if (until(condition, timeout, interval)) {
      return;
    }
    if (Thread.currentThread().isInterrupted()) {
      throw new IllegalStateException("Interrupted while waiting");
    }
    throw new IllegalStateException(timedOut.get());
  }
}
