package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.devstack.DevStack;
import io.scanflow.devstack.StackScale;
import io.scanflow.devstack.replay.Replay;
import io.scanflow.devstack.service.ScanflowService;
import io.scanflow.devstack.service.ServiceInstance;
import io.scanflow.devstack.supervisor.Supervisor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code ./scanflow up --brokers=3 --instances=2}: a 3-broker KRaft cluster and two processes of
 * every service. Under steady load from a client that spreads its requests over both ingest URLs,
 * one instance of each stage and one broker are killed (kill -9) one after another, and exactly the
 * acknowledged events are counted, also after a replay. Its own stack: the other e2e tests share a
 * single-instance one.
 */
class ScaleOutIT {
  /** 10 sites at about 14 events/s each: about 140 events/s. */
  private static final int SITES = 10;

  private static final StackScale SCALE = new StackScale(3, 2);
  private static DevStack stack;

  private final StackFaults faults = new StackFaults(stack, new ScanflowClient(stack.info()));

  @BeforeAll
  static void startThreeBrokersAndTwoInstancesOfEverything() {
    stack = new DevStack(RunningStack.config().withScale(SCALE));
    stack.start();
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      RunningStack.stop(stack);
    }
  }

  @Test
  void shouldListEveryInstanceInDevStackJson() {
    assertThat(stack.info().ingestUrls()).hasSize(2).startsWith(stack.info().ingestUrl());
    assertThat(stack.info().reportsUrls()).hasSize(2).startsWith(stack.info().reportsUrl());
    assertThat(stack.info().kafkaBootstrap().split(",")).hasSize(3);
  }

  @Test
  void shouldReplicateEveryTopicThriceWithTwoReplicasInSync() throws Exception {
    try (Admin admin = stack.admin()) {
      Set<String> topics = admin.listTopics().names().get(30, TimeUnit.SECONDS);
      Map<String, TopicDescription> descriptions =
          admin.describeTopics(topics).allTopicNames().get(30, TimeUnit.SECONDS);
      Map<ConfigResource, Config> configs =
          admin
              .describeConfigs(
                  topics.stream()
                      .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic))
                      .toList())
              .all()
              .get(30, TimeUnit.SECONDS);

      // the pipeline's topics, the streams apps' changelogs and repartition topics alike
      assertThat(topics).contains("server-events").anyMatch(name -> name.endsWith("-changelog"));
      descriptions
          .values()
          .forEach(
              topic ->
                  assertThat(topic.partitions())
                      .as(topic.name())
                      .allSatisfy(p -> assertThat(p.replicas()).hasSize(3)));
      configs.forEach(
          (topic, config) ->
              assertThat(config.get("min.insync.replicas").value())
                  .as(topic.name())
                  .isEqualTo("2"));
    }
  }

  @Test
  void shouldCountEveryAcknowledgedEventOnceWhenAnInstanceOfEachStageAndABrokerDie()
      throws Exception {
    List<ResendingLoad.Site> sites = faults.createSites("Scale out", SITES);
    ResendingLoad load = new ResendingLoad(stack.info().ingestUrls(), sites);
    Duration takeover;
    try (load) {
      faults.awaitPipelineMoves(sites);
      crashOne(ScanflowService.DEDUPE_STREAM, 2, sites);
      takeover = attributionTakeover(sites);
      crashOne(ScanflowService.REPORTS_SINK, 2, sites);
      crashOne(ScanflowService.INGEST_API, 2, sites);
      faults.crash("kafka-2", () -> stack.brokerPid(2));
      faults.awaitPipelineMoves(sites);

      load.finish();
      await().atMost(StackFaults.RECOVERY).pollInterval(StackFaults.POLL).until(load::finished);
    }
    System.out.printf(
        "Scale out: %d events acknowledged (%d sent with resends %s), %d deliberate duplicates;"
            + " attribution takeover %d ms; supervisor: %s%n",
        load.acknowledged(),
        load.eventsSent(),
        load.resends(),
        load.deliberateDuplicates(),
        takeover.toMillis(),
        stack.supervisor().status());

    faults.awaitCounted(sites, load);
    // every instance's state is rebuilt: one left behind would count replayed events as repeats
    new Replay(stack, System.out::println).run(StackFaults.RECOVERY);
    faults.awaitCounted(sites, load);
    assertThat(load.unexpected()).as("answers a resending client cannot handle").isEmpty();
    assertThat(stack.supervisor().status())
        .allSatisfy(
            process ->
                assertThat(process.state()).as(process.name()).isEqualTo(Supervisor.State.RUNNING));
    assertThat(
            stack.supervisor().status().stream()
                .filter(process -> process.restarts() > 0)
                .map(Supervisor.Status::name)
                .collect(Collectors.toSet()))
        .containsExactlyInAnyOrder(
            "dedupe-stream-2", "attribution-stream", "reports-sink-2", "ingest-api-2", "kafka-2");
  }

  /** kill -9 of one instance; the pipeline must keep moving (the other instance carries it). */
  private void crashOne(ScanflowService service, int number, List<ResendingLoad.Site> sites) {
    ServiceInstance instance = new ServiceInstance(service, number);
    faults.crash(instance.name(), () -> stack.pid(instance));
    faults.awaitPipelineMoves(sites);
  }

  /**
   * kill -9 of attribution instance 1: instance 2 takes over its partitions, restores their state
   * from the changelogs and runs again. Returns the time from the kill until instance 2 is running
   * again after that rebalance (read from its log), which is also printed.
   */
  private Duration attributionTakeover(List<ResendingLoad.Site> sites) {
    Path survivorLog =
        stack
            .config()
            .home()
            .log(new ServiceInstance(ScanflowService.ATTRIBUTION_STREAM, 2).name());
    long logSizeBefore = size(survivorLog);
    Instant killed =
        faults.crash(
            "attribution-stream",
            () -> stack.pid(new ServiceInstance(ScanflowService.ATTRIBUTION_STREAM, 1)));
    await()
        .atMost(StackFaults.RECOVERY)
        .pollInterval(Duration.ofMillis(100))
        .until(() -> newLines(survivorLog, logSizeBefore).contains("REBALANCING to RUNNING"));
    Duration takeover = Duration.between(killed, Instant.now());
    List<String> restored =
        newLines(survivorLog, logSizeBefore)
            .lines()
            .filter(line -> line.contains("completed restoration"))
            .toList();
    System.out.printf(
        "Scale out: attribution-stream-2 took over in %d ms (kill to RUNNING), restoring %d"
            + " tasks%n",
        takeover.toMillis(), restored.size());
    assertThat(restored).as("tasks of the killed instance, restored by the survivor").isNotEmpty();
    faults.awaitPipelineMoves(sites);
    return takeover;
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String newLines(Path file, long from) {
    try {
      byte[] all = Files.readAllBytes(file);
      return new String(all, (int) from, all.length - (int) from, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
