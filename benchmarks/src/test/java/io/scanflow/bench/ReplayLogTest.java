package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReplayLogTest {
  @Test
  void shouldReadWhenTheServicesStartedAndWhenTheReplayCaughtUp() {
    String log =
        """
        [  0.0s] Stopping dedupe-stream, attribution-stream, reports-sink
        [  1.2s] Reset scanflow-dedupe-stream (12 partitions; to end: [])
        [  4.5s] Starting dedupe-stream, attribution-stream, reports-sink with catch-up settings
        [ 30.1s] Started (ready); catching up
        [140.7s] Replay caught up in 140685 ms (consumer lag 0 on dedupe-stream)
        [141.0s] Restarting dedupe-stream, attribution-stream, reports-sink with their live settings
        [150.3s] Starting something else
        """;

    ReplayLog phases = ReplayLog.parse(log);

    assertThat(phases.startedAt()).hasValue(4.5);
    assertThat(phases.readyAt()).hasValue(30.1);
    assertThat(phases.caughtUpAt()).hasValue(140.7);
  }

  @Test
  void shouldKnowNothingOfALogWithoutPhases() {
    ReplayLog phases = ReplayLog.parse("Replay failed: broker down\n");

    assertThat(phases.startedAt()).isEmpty();
    assertThat(phases.readyAt()).isEmpty();
    assertThat(phases.caughtUpAt()).isEmpty();
  }
}
