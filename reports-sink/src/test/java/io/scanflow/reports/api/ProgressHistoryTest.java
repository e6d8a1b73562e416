package io.scanflow.reports.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.lag.GroupLag;
import io.scanflow.reports.sink.SinkHealth.Stall;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class ProgressHistoryTest {
  private static final String GROUP = "scanflow-attribution-stream";
  private static final TopicPartition P0 = new TopicPartition("server-events-unique", 0);
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");

  private final ProgressHistory history = new ProgressHistory(Duration.ofSeconds(30));

  @Test
  void shouldCallAGroupStalledAfter30SecondsWithoutProgressWhileItHasLag() {
    history.observe(lag(40, 5), T0);
    assertThat(history.observe(lag(40, 5), T0.plusSeconds(29))).isEmpty();

    Optional<Stall> stall = history.observe(lag(40, 5), T0.plusSeconds(31));

    assertThat(stall).isPresent();
    assertThat(stall.get().since()).isEqualTo(T0);
    assertThat(stall.get().reason()).contains("5 records");
  }

  @Test
  void shouldStartTheClockAgainWhenTheGroupMoves() {
    history.observe(lag(40, 5), T0);
    history.observe(lag(42, 5), T0.plusSeconds(20)); // moved, more input arrived meanwhile

    assertThat(history.observe(lag(42, 5), T0.plusSeconds(45))).isEmpty();
    assertThat(history.observe(lag(42, 5), T0.plusSeconds(51)).map(Stall::since))
        .contains(T0.plusSeconds(20));
  }

  @Test
  void shouldNotCallAnIdleGroupStalledWhenNewInputArrives() {
    // given a group idle (lag 0, positions unchanged) for an hour
    history.observe(lag(40, 0), T0);
    history.observe(lag(40, 0), T0.plusSeconds(3600));

    // when a record arrives, the group has not had time to move yet
    assertThat(history.observe(lag(40, 1), T0.plusSeconds(3602))).isEmpty();
    assertThat(history.observe(lag(40, 1), T0.plusSeconds(3633)).map(Stall::since))
        .contains(T0.plusSeconds(3600));
  }

  @Test
  void shouldNeverCallAGroupWithoutLagStalled() {
    history.observe(lag(40, 0), T0);

    assertThat(history.observe(lag(40, 0), T0.plusSeconds(600))).isEmpty();
  }

  private static GroupLag lag(long position, long lag) {
    return new GroupLag(GROUP, lag, Map.of(P0, position));
  }
}
