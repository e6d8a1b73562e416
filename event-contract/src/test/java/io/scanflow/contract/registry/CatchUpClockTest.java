package io.scanflow.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** When the key registry may call an unknown key invalid; time is driven by hand (nanoseconds). */
class CatchUpClockTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();
  private static final TopicPartition KEYS = new TopicPartition("api-keys", 0);
  private static final TopicPartition SITES = new TopicPartition("tracking-sites", 0);
  private static final Duration CHECK_EVERY = Duration.ofSeconds(1);

  private final CatchUpClock clock = new CatchUpClock(Duration.ofSeconds(5));

  @Test
  void shouldNotBeCurrentBeforeTheFirstCatchUp() {
    assertThat(clock.isCurrent(0)).isFalse();
    assertThat(clock.everCaughtUp()).isFalse();
    assertThat(clock.checkDue(0, CHECK_EVERY)).isTrue();
  }

  @Test
  void shouldBeCurrentOnceEveryPartitionReachedTheEndsItWasShown() {
    // given: the ends at start-up
    clock.endsFetched(Map.of(KEYS, 10L, SITES, 4L), 0);

    // when: only one partition is read to its end, then both
    clock.positionsAre(Map.of(KEYS, 10L, SITES, 3L));
    assertThat(clock.isCurrent(SECOND)).isFalse();
    clock.positionsAre(Map.of(KEYS, 10L, SITES, 4L));

    // then
    assertThat(clock.isCurrent(SECOND)).isTrue();
    assertThat(clock.everCaughtUp()).isTrue();
  }

  @Test
  void shouldFallBehindWhenNoCatchUpIsConfirmedWithinTheStalenessLimit() {
    clock.endsFetched(Map.of(KEYS, 0L), 0);
    clock.positionsAre(Map.of(KEYS, 0L));

    // Kafka is gone: checks are due but none completes.
    assertThat(clock.checkDue(SECOND, CHECK_EVERY)).isTrue();
    assertThat(clock.isCurrent(5 * SECOND)).isTrue();
    assertThat(clock.isCurrent(5 * SECOND + 1)).isFalse();
    assertThat(clock.everCaughtUp()).isTrue();
  }

  @Test
  void shouldDateAConfirmationFromWhenTheEndsWereAskedFor() {
    clock.endsFetched(Map.of(KEYS, 7L), 0);
    // Reading up to them took 4 s: the registry was complete as of t=0, not t=4.
    clock.positionsAre(Map.of(KEYS, 7L));

    assertThat(clock.isCurrent(5 * SECOND)).isTrue();
    assertThat(clock.isCurrent(6 * SECOND)).isFalse();
  }

  @Test
  void shouldStayCurrentWhileChecksKeepConfirming() {
    for (long t = 0; t <= 20; t++) {
      if (clock.checkDue(t * SECOND, CHECK_EVERY)) {
        clock.endsFetched(Map.of(KEYS, t), t * SECOND);
      }
      clock.positionsAre(Map.of(KEYS, t));
      assertThat(clock.isCurrent(t * SECOND)).as("t=%d", t).isTrue();
    }
  }

  @Test
  void shouldWaitForAPendingCheckUntilItIsTooOldToHelp() {
    clock.endsFetched(Map.of(KEYS, 100L), 0);
    clock.positionsAre(Map.of(KEYS, 50L));

    assertThat(clock.checkDue(5 * SECOND, CHECK_EVERY)).isFalse();
    assertThat(clock.checkDue(5 * SECOND + 1, CHECK_EVERY)).isTrue();
  }
}
