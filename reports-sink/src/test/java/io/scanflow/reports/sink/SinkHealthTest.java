package io.scanflow.reports.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SinkHealthTest {
  private static final Instant T0 = Instant.parse("2026-12-01T12:00:00Z");
  private final SinkHealth health = new SinkHealth(Duration.ofSeconds(30));

  @Test
  void shouldReportAStallOnlyOnceFailuresHaveLastedTheStallTime() {
    health.failing(T0, "08001: connection refused");
    health.failing(T0.plusSeconds(20), "08001: connection refused again");

    assertThat(health.stall(T0.plusSeconds(29))).isEmpty();
    assertThat(health.stall(T0.plusSeconds(30)))
        .contains(new SinkHealth.Stall(T0, "08001: connection refused again"));
  }

  @Test
  void shouldClearTheStallOnProgress() {
    health.failing(T0, "08001: connection refused");
    health.stall(T0.plusSeconds(40));

    health.progressed();

    assertThat(health.stall(T0.plusSeconds(41))).isEmpty();
  }

  @Test
  void shouldReportAWriteThatHangsInsteadOfFailing() {
    health.attempting(T0);

    assertThat(health.stall(T0.plusSeconds(10))).isEmpty();
    assertThat(health.stall(T0.plusSeconds(31)))
        .hasValueSatisfying(stall -> assertThat(stall.since()).isEqualTo(T0));
  }

  @Test
  void shouldNotCountTimeBetweenSuccessfulAttemptsAsAStall() {
    health.attempting(T0);
    health.progressed();

    assertThat(health.stall(T0.plusSeconds(3600))).isEmpty();
  }
}
