package io.scanflow.ingest.overload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AdmissionLimitTest {
  private static final long TARGET = TimeUnit.MILLISECONDS.toNanos(100);
  private static final long SLOW = TimeUnit.MILLISECONDS.toNanos(400);
  private static final long VERY_SLOW = TimeUnit.SECONDS.toNanos(1);
  private static final long BLIP = TimeUnit.MILLISECONDS.toNanos(300);
  private static final long FAST = TimeUnit.MILLISECONDS.toNanos(5);

  @Test
  void shouldRefuseOnceTheLimitIsReachedAndAdmitAgainWhenAPlaceIsFree() {
    AdmissionLimit limit = new AdmissionLimit(2, 2, TARGET);

    assertThat(limit.tryAdmit()).isTrue();
    assertThat(limit.tryAdmit()).isTrue();
    assertThat(limit.tryAdmit()).isFalse();
    limit.release(FAST);

    assertThat(limit.tryAdmit()).isTrue();
    assertThat(limit.inFlight()).isEqualTo(2);
  }

  @Test
  void shouldLowerTheLimitBelowWhatWasInFlightWhenAdmittedAnswersStaySlowerThanTheTarget() {
    AdmissionLimit limit = new AdmissionLimit(4, 1000, TARGET);

    assertThat(tick(limit, 50, SLOW))
        .as("one slow tick moves the smoothed time by a quarter")
        .isEqualTo(1000);
    assertThat(tick(limit, 50, SLOW)).isEqualTo(45);
  }

  @Test
  void shouldNotLowerTheLimitForOneSlowTickAmongFastOnes() {
    AdmissionLimit limit = new AdmissionLimit(4, 1000, TARGET);
    tick(limit, 200, FAST);
    tick(limit, 200, BLIP);

    assertThat(tick(limit, 200, FAST)).isEqualTo(1000);
  }

  @Test
  void shouldRaiseTheLimitBackStepByStepOnceAnswersAreFastAgain() {
    AdmissionLimit limit = new AdmissionLimit(16, 1000, TARGET);
    assertThat(tick(limit, 160, VERY_SLOW)).isEqualTo(144);
    assertThat(tick(limit, 100, VERY_SLOW)).isEqualTo(90);

    int lowest = 90;
    int ticks = 0;
    while (tick(limit, 10, FAST) < 1000) {
      ticks++;
      lowest = Math.min(lowest, limit.limit());
    }
    assertThat(lowest).as("still slow on average for a few ticks: down to the floor").isEqualTo(16);
    assertThat(ticks).as("ticks of 100 ms back to the full limit").isBetween(60, 90);
  }

  @Test
  void shouldNeverRefuseBelowTheFloor() {
    AdmissionLimit limit = new AdmissionLimit(8, 1000, TARGET);
    for (int i = 0; i < 50; i++) {
      tick(limit, 8, SLOW);
    }

    assertThat(limit.limit()).isEqualTo(8);
    for (int i = 0; i < 8; i++) {
      assertThat(limit.tryAdmit()).isTrue();
    }
    assertThat(limit.tryAdmit()).isFalse();
  }

  @Test
  void shouldCountALateTickAsWaitingEvenWithoutAnswers() {
    AdmissionLimit limit = new AdmissionLimit(4, 1000, TARGET);
    for (int i = 0; i < 300; i++) {
      limit.tryAdmit();
    }

    assertThat(limit.adjust(VERY_SLOW))
        .as("requests wait for a busy event loop before they are seen")
        .isEqualTo(270);
  }

  @Test
  void shouldRefuseAFloorAboveTheCeiling() {
    assertThatThrownBy(() -> new AdmissionLimit(10, 5, TARGET))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** One tick: {@code requests} admitted and answered after {@code answerNanos}, on time. */
  private static int tick(AdmissionLimit limit, int requests, long answerNanos) {
    for (int i = 0; i < requests; i++) {
      assertThat(limit.tryAdmit()).isTrue();
    }
    for (int i = 0; i < requests; i++) {
      limit.release(answerNanos);
    }
    return limit.adjust(0);
  }
}
