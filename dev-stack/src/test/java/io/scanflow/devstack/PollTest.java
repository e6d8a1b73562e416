package io.scanflow.devstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollTest {
  private static final Duration LONG = Duration.ofMinutes(5);
  private final AtomicInteger looks = new AtomicInteger();

  @AfterEach
  void clearTheInterruptFlag() {
    Thread.interrupted(); // a failed assertion must not leave it to the next test
  }

  @Test
  void shouldReturnTrueAsSoonAsConditionHolds() {
    long started = System.nanoTime();

    // Holds at the third look: two short waits, never the long timeout.
    boolean held = Poll.until(() -> looks.incrementAndGet() == 3, LONG, Duration.ofMillis(1));

    assertThat(held).isTrue();
    assertThat(looks).hasValue(3);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldNotWaitAtAllWhenTheConditionHoldsAtTheFirstLook() {
    long started = System.nanoTime();

    assertThat(Poll.until(() -> looks.incrementAndGet() > 0, LONG, LONG)).isTrue();

    assertThat(looks).hasValue(1);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldReturnFalseWhenTheConditionDoesNotHoldInTime() {
    long started = System.nanoTime();

    boolean held = Poll.until(() -> looks.incrementAndGet() < 0, Duration.ofMillis(50), LONG);

    // The interval is cut to the time left: one look at once, one when the time is up.
    assertThat(held).isFalse();
    assertThat(looks).hasValue(2);
    assertThat(Duration.ofNanos(System.nanoTime() - started))
        .isGreaterThanOrEqualTo(Duration.ofMillis(50))
        .isLessThan(Duration.ofSeconds(10));
    assertThat(Thread.currentThread().isInterrupted()).isFalse();
  }

  @Test
  void shouldStopWaitingWhenInterrupted() {
    Thread.currentThread().interrupt();
    long started = System.nanoTime();

    boolean held = Poll.until(() -> looks.incrementAndGet() < 0, LONG, LONG);

    assertThat(held).isFalse();
    assertThat(looks).hasValue(1);
    assertThat(Thread.currentThread().isInterrupted()).as("interrupt flag set again").isTrue();
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void shouldStopWaitingWhenTheConditionIsInterrupted() {
    boolean held =
        Poll.until(
            () -> {
              looks.incrementAndGet();
              throw new InterruptedException("while asking");
            },
            LONG,
            Duration.ofMillis(1));

    assertThat(held).isFalse();
    assertThat(looks).hasValue(1);
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }

  @Test
  void shouldEndTheWaitWithWhatTheConditionThrows() {
    assertThatThrownBy(
            () ->
                Poll.until(
                    () -> {
                      throw new IOException("broker gone");
                    },
                    LONG,
                    Duration.ofMillis(1)))
        .isInstanceOf(IOException.class)
        .hasMessage("broker gone");
  }

  @Test
  void shouldThrowTheTimeoutMessageWhenRequiredConditionDoesNotHold() {
    assertThatThrownBy(
            () ->
                Poll.untilOrThrow(
                    () -> false, Duration.ofMillis(20), Duration.ofMillis(5), () -> "not ready"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("not ready");
  }

  @Test
  void shouldSayInterruptedRatherThanTimedOutWhenRequiredWaitIsInterrupted() {
    Thread.currentThread().interrupt();

    assertThatThrownBy(() -> Poll.untilOrThrow(() -> false, LONG, LONG, () -> "not ready"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Interrupted");
    assertThat(Thread.currentThread().isInterrupted()).isTrue();
  }
}
