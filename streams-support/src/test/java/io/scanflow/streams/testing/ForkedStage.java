package io.scanflow.streams.testing;

import static org.awaitility.Awaitility.await;

import io.scanflow.testsupport.KafkaTestCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One stage's topology run in forked JVMs ({@link StreamsProcess}) against a broker of its own for
 * the test class ({@code @RegisterExtension static final ForkedStage}): starts instances, reads the
 * stage's consumer-group lag and waits on it.
 */
public final class ForkedStage implements BeforeAllCallback, AfterAllCallback {
  private static final Path LOGS = Path.of("target", "forked-streams");

  /** Longer transactions than the app's 100 ms, so that a kill always destroys work in flight. */
  public static final Map<String, String> SLOW_COMMITS = Map.of("commit.interval.ms", "1000");

  /**
   * Transactions long enough that a test reliably sees one open before it commits, on an idle
   * machine (where all input is processed well inside one transaction) as on a busy one.
   */
  public static final Map<String, String> LONG_TRANSACTIONS = Map.of("commit.interval.ms", "4000");

  private final String applicationId;
  private final Class<? extends TopologyFactory> factory;
  private final String logPrefix;
  private KafkaTestCluster kafka;

  /** {@code logPrefix} names the logs: {@code target/forked-streams/<prefix>-<name>.log}. */
  public ForkedStage(
      String applicationId, Class<? extends TopologyFactory> factory, String logPrefix) {
    this.applicationId = applicationId;
    this.factory = factory;
    this.logPrefix = logPrefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    kafka = KafkaTestCluster.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    kafka.close();
  }

  /** The broker the instances run against, started before the test class's first test. */
  public KafkaTestCluster kafka() {
    return kafka;
  }

  /** An instance with its state in {@code stateDir}, the app's settings plus {@code overrides}. */
  public StreamsProcess start(Path stateDir, String logName, Map<String, String> overrides)
      throws IOException {
    return StreamsProcess.start(
        kafka.bootstrapServers(),
        stateDir,
        factory,
        LOGS.resolve(logPrefix + "-" + logName + ".log"),
        overrides);
  }

  /** Input records on {@code topic} the stage has not committed yet. */
  public long lag(String topic) throws Exception {
    return ConsumerGroupLag.of(kafka.bootstrapServers(), applicationId, topic);
  }

  /**
   * Waits until the stage has committed input so that at most {@code lagAtMost} is left; fails as
   * soon as one of the {@code watched} instances dies.
   */
  public void awaitLagAtMost(
      String topic, long lagAtMost, Duration timeout, Duration poll, StreamsProcess... watched) {
    await()
        .atMost(timeout)
        .pollInterval(poll)
        .failFast("the streams process died", () -> anyDied(watched))
        .until(() -> lag(topic) <= lagAtMost);
  }

  /**
   * Kills {@code process} (SIGKILL) as soon as it has written output to {@code outputTopics} in a
   * transaction it has not committed, so that the kill destroys work in flight.
   */
  public void killInsideOpenTransaction(
      StreamsProcess process, List<String> outputTopics, Duration timeout)
      throws InterruptedException {
    await()
        .atMost(timeout)
        .pollInterval(Duration.ofMillis(20))
        .failFast("the streams process died", () -> anyDied(process))
        .until(() -> OpenTransactions.anyOn(kafka.bootstrapServers(), outputTopics));
    process.kill();
  }

  /** Waits until every instance reports RUNNING; fails as soon as one dies. */
  public static void awaitRunning(Duration timeout, StreamsProcess... processes) {
    await()
        .atMost(timeout)
        .failFast("a streams process died", () -> anyDied(processes))
        .until(() -> Arrays.stream(processes).allMatch(StreamsProcess::running));
  }

  private static boolean anyDied(StreamsProcess... processes) {
    return Arrays.stream(processes).anyMatch(process -> !process.alive());
  }
}
