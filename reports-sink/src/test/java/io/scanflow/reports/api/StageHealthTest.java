package io.scanflow.reports.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.lag.GroupLag;
import io.scanflow.reports.sink.SinkHealth.Stall;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class StageHealthTest {
  private static final String GROUP = "scanflow-reports-sink";
  private static final TopicPartition P0 = new TopicPartition("server-events-attributed", 0);
  private static final Stall STALL =
      new Stall(Instant.parse("2026-12-01T12:00:00Z"), "database unreachable");

  @Test
  void shouldBeOkWithoutLag() {
    StageHealth health = StageHealth.of(GROUP, lag(0), Optional.empty(), 0L);

    assertThat(health.stage()).isEqualTo("reports-sink");
    assertThat(health.status()).isEqualTo(StageHealth.OK);
    assertThat(health.lag()).isZero();
    assertThat(health.partitions()).isEqualTo(1);
    assertThat(health.stalledSince()).isNull();
  }

  @Test
  void shouldBeLaggingWithRecordsWaiting() {
    assertThat(StageHealth.of(GROUP, lag(12), Optional.empty(), 0L).status())
        .isEqualTo(StageHealth.LAGGING);
  }

  @Test
  void shouldBeStalledWithSinceAndReasonEvenWhenKafkaCannotBeRead() {
    StageHealth health = StageHealth.of(GROUP, null, Optional.of(STALL), 3L);

    assertThat(health.status()).isEqualTo(StageHealth.STALLED);
    assertThat(health.stalledSince()).isEqualTo(STALL.since());
    assertThat(health.stallReason()).isEqualTo("database unreachable");
    assertThat(health.lag()).isNull();
    assertThat(health.deadLetters24h()).isEqualTo(3L);
  }

  @Test
  void shouldSayUnavailableNotZeroWhenKafkaCannotBeRead() {
    StageHealth health = StageHealth.of(GROUP, null, Optional.empty(), null);

    assertThat(health.status()).isEqualTo(StageHealth.UNAVAILABLE);
    assertThat(health.lag()).isNull();
  }

  @Test
  void shouldSayAGroupThatNeverRanHasNoOffsets() {
    StageHealth health =
        StageHealth.of(
            "scanflow-dedupe-stream", new GroupLag("g", 0, Map.of()), Optional.empty(), 0L);

    assertThat(health.status()).isEqualTo(StageHealth.NOT_STARTED);
    assertThat(health.lag()).isNull();
    assertThat(health.stage()).isEqualTo("dedupe-stream");
  }

  private static GroupLag lag(long lag) {
    return new GroupLag(GROUP, lag, Map.of(P0, 100L));
  }
}
