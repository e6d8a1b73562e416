package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class PollScheduleTest {
  private static final long MS = 1_000_000;
  private final PollSchedule schedule = new PollSchedule(Duration.ofMillis(100));

  @Test
  void shouldLookUpAtTheFirstIntervalWhileTheEventIsYoung() {
    assertThat(schedule.nextDelayMillis(0)).isEqualTo(100);
    assertThat(schedule.nextDelayMillis(1_999 * MS)).isEqualTo(100);
  }

  @Test
  void shouldWaitATwentiethOfTheAgeSoTheLookupIsLateByAtMostFivePercent() {
    assertThat(schedule.nextDelayMillis(4_000 * MS)).isEqualTo(200);
    assertThat(schedule.nextDelayMillis(10_000 * MS)).isEqualTo(500);
  }

  @Test
  void shouldNeverWaitLongerThanOneSecond() {
    assertThat(schedule.nextDelayMillis(20_000 * MS)).isEqualTo(1_000);
    assertThat(schedule.nextDelayMillis(300_000 * MS)).isEqualTo(1_000);
  }

  @Test
  void shouldKeepAFirstIntervalLongerThanTheLongestOne() {
    PollSchedule slow = new PollSchedule(Duration.ofSeconds(2));

    assertThat(slow.nextDelayMillis(0)).isEqualTo(2_000);
    assertThat(slow.nextDelayMillis(60_000 * MS)).isEqualTo(2_000);
  }

  @Test
  void shouldLookUpAnEventThatTakesThirtySecondsFewerThanEightyTimes() {
    // At a fixed 25 ms it took 1,200 lookups; when the pipeline falls behind, every followed
    // event costs this many, so the lookups per second grow with the log of the latency only.
    assertThat(lookupsUntil(30_000)).isBetween(60, 80);
    assertThat(lookupsUntil(1_000)).isEqualTo(10);
  }

  @Test
  void shouldRefuseAnIntervalBelowOneMillisecond() {
    assertThatThrownBy(() -> new PollSchedule(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** Lookups of an event that becomes visible {@code latencyMs} after its 200. */
  private int lookupsUntil(long latencyMs) {
    long age = 0;
    int lookups = 0;
    while (age < latencyMs * MS) {
      age += schedule.nextDelayMillis(age) * MS;
      lookups++;
    }
    return lookups;
  }
}
