package io.scanflow.reports;

import static org.awaitility.Awaitility.await;

import io.scanflow.contract.lag.ConsumerGroupLag;
import io.scanflow.contract.lag.GroupLag;
import io.scanflow.contract.lag.LagUnavailableException;
import io.scanflow.testsupport.KafkaTestCluster;
import java.time.Duration;

/**
 * Waits until the sink's consumer group has committed every input record (measured by the shared
 * lag reader, so transactional input with its commit markers counts right); since the sink commits
 * offsets only after the database commit, everything published before is then in the tables.
 */
final class SinkProgress {
  private static final String GROUP = "scanflow-reports-sink";

  private SinkProgress() {}

  static void awaitCaughtUp(KafkaTestCluster kafka) {
    try (ConsumerGroupLag lag = reader(kafka)) {
      // A group that has not joined yet has no partitions, and so no lag: that is not caught up.
      await().atMost(Duration.ofSeconds(60)).until(() -> caughtUp(lag.read(GROUP)));
    }
  }

  /** Input records the sink has not committed yet. */
  static long lag(KafkaTestCluster kafka) throws LagUnavailableException {
    try (ConsumerGroupLag lag = reader(kafka)) {
      return lag.read(GROUP).lag();
    }
  }

  private static boolean caughtUp(GroupLag lag) {
    return lag.started() && lag.lag() == 0;
  }

  private static ConsumerGroupLag reader(KafkaTestCluster kafka) {
    return ConsumerGroupLag.connect(kafka.bootstrapServers(), Duration.ofSeconds(5));
  }
}
