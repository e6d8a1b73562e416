package io.scanflow.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.Topics;
import io.scanflow.streams.testing.CommittedRecords;
import io.scanflow.streams.testing.ConsumerGroupLag;
import io.scanflow.streams.testing.StreamsProcess;
import io.scanflow.testsupport.KafkaTestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * dedupe-stream on a real broker with exactly_once_v2, run in forked JVMs so that an instance can
 * be killed with SIGKILL in the middle of a transaction.
 */
class DedupeExactlyOnceIT {
  private static final String APP_ID = "scanflow-dedupe-stream";
  private static final Path LOGS = Path.of("target", "forked-streams");
  private static KafkaTestCluster kafka;

  @TempDir Path stateRoot;

  @BeforeAll
  static void startBroker() {
    kafka = KafkaTestCluster.start();
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void shouldCountEveryReceiptExactlyOnceAcrossAnAbruptKill() throws Exception {
    String site = "site-kill";
    List<IngestedEvent> before = receipts(site, 0, 3000);
    List<IngestedEvent> after = receipts(site, 2000, 4000);

    produce(before);
    StreamsProcess first = start("kill-1", "first");
    awaitProgress(first, before.size() - 500);
    first.kill();
    assertThat(ConsumerGroupLag.of(kafka.bootstrapServers(), APP_ID, "server-events"))
        .as("killed before it had committed everything")
        .isPositive();
    produce(after);
    try (StreamsProcess restarted = start("kill-1", "restarted")) {
      awaitNoLag();
      assertExactlyOnce(site, concat(before, after));
    }
  }

  @Test
  void shouldGiveSameResultWithTwoInstancesAsWithOne() throws Exception {
    String site = "site-pair";
    List<IngestedEvent> receipts = receipts(site, 0, 3000);

    try (StreamsProcess one = start("pair-1", "one");
        StreamsProcess two = start("pair-2", "two")) {
      await()
          .atMost(Duration.ofSeconds(60))
          .failFast("a streams process died", () -> !one.alive() || !two.alive())
          .until(() -> one.running() && two.running());
      produce(receipts);
      awaitNoLag();
      assertExactlyOnce(site, receipts);
    }
  }

  /**
   * Receipts of ids {@code from..to-1}: every third id is sent again, every fifth a third time, and
   * every seventh receipt has a server-generated id; copies follow later in the list.
   */
  private static List<IngestedEvent> receipts(String site, int from, int to) {
    List<IngestedEvent> firsts = new ArrayList<>();
    List<IngestedEvent> copies = new ArrayList<>();
    Instant base = Instant.parse("2026-11-20T00:00:00Z");
    for (int i = from; i < to; i++) {
      boolean generated = i % 7 == 0;
      String eventId = generated ? UUID.randomUUID().toString() : "evt-" + i;
      int times = 1 + (i % 3 == 0 ? 1 : 0) + (i % 5 == 0 ? 1 : 0);
      for (int copy = 0; copy < times; copy++) {
        IngestedEvent event = receipt(site, eventId, generated, base.plusMillis(i * 10L + copy));
        (copy == 0 ? firsts : copies).add(event);
      }
    }
    return concat(firsts, copies);
  }

  private static IngestedEvent receipt(String site, String eventId, boolean generated, Instant at) {
    return new IngestedEvent(
        IngestedEvent.SCHEMA_VERSION,
        UUID.randomUUID(),
        eventId,
        generated,
        site,
        "key-1",
        "purchase",
        UUID.randomUUID().toString(),
        at,
        at,
        null,
        null,
        null);
  }

  private StreamsProcess start(String stateName, String logName) throws Exception {
    return StreamsProcess.start(
        kafka.bootstrapServers(),
        stateRoot.resolve(stateName),
        DedupeTopologyFactory.class,
        LOGS.resolve("dedupe-" + logName + ".log"),
        // Longer transactions than the app's 100 ms, so that a kill always destroys work in flight.
        Map.of("commit.interval.ms", "1000"));
  }

  private static void produce(List<IngestedEvent> events) {
    Properties props = kafka.clientProperties();
    try (KafkaProducer<String, IngestedEvent> producer =
        new KafkaProducer<>(
            props, new StringSerializer(), Topics.SERVER_EVENTS.valueSerde().serializer())) {
      for (IngestedEvent event : events) {
        producer.send(
            new ProducerRecord<>(
                Topics.SERVER_EVENTS.name(),
                null,
                event.receivedAt().toEpochMilli(),
                event.eventKey(),
                event));
      }
    }
  }

  /** Waits until the app has committed some input but (most likely) not all of it. */
  private static void awaitProgress(StreamsProcess process, long lagAtMost) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(100))
        .failFast("the streams process died", () -> !process.alive())
        .until(
            () ->
                ConsumerGroupLag.of(kafka.bootstrapServers(), APP_ID, "server-events")
                    <= lagAtMost);
  }

  private static void awaitNoLag() {
    await()
        .atMost(Duration.ofSeconds(90))
        .pollInterval(Duration.ofMillis(500))
        .until(() -> ConsumerGroupLag.of(kafka.bootstrapServers(), APP_ID, "server-events") == 0);
  }

  /**
   * Every receipt is on exactly one output, and the counted one is the first in partition order.
   */
  private static void assertExactlyOnce(String site, List<IngestedEvent> sent) {
    Map<String, IngestedEvent> firstByKey = new LinkedHashMap<>();
    for (IngestedEvent event : sent) {
      firstByKey.putIfAbsent(
          event.eventIdGenerated() ? "gen:" + event.ingestId() : event.eventKey(), event);
    }
    List<IngestedEvent> unique = unique(site);
    List<DuplicateEvent> duplicates = duplicates(site);

    List<UUID> seen = new ArrayList<>();
    unique.forEach(event -> seen.add(event.ingestId()));
    duplicates.forEach(duplicate -> seen.add(duplicate.event().ingestId()));
    assertThat(seen).doesNotHaveDuplicates();
    assertThat(seen)
        .containsExactlyInAnyOrderElementsOf(sent.stream().map(IngestedEvent::ingestId).toList());
    assertThat(unique)
        .extracting(IngestedEvent::ingestId)
        .containsExactlyInAnyOrderElementsOf(
            firstByKey.values().stream().map(IngestedEvent::ingestId).toList());
    Map<String, UUID> countedIngestIdByKey = new HashMap<>();
    firstByKey
        .values()
        .forEach(first -> countedIngestIdByKey.put(first.eventKey(), first.ingestId()));
    assertThat(duplicates)
        .allSatisfy(
            duplicate ->
                assertThat(duplicate.firstIngestId())
                    .isEqualTo(countedIngestIdByKey.get(duplicate.event().eventKey())));
  }

  private static List<IngestedEvent> unique(String site) {
    return read(
            Topics.SERVER_EVENTS_UNIQUE.name(),
            Topics.SERVER_EVENTS_UNIQUE.valueSerde().deserializer()::deserialize)
        .stream()
        .filter(event -> event.siteId().equals(site))
        .toList();
  }

  private static List<DuplicateEvent> duplicates(String site) {
    return read(
            Topics.SERVER_EVENTS_DUPLICATES.name(),
            Topics.SERVER_EVENTS_DUPLICATES.valueSerde().deserializer()::deserialize)
        .stream()
        .filter(duplicate -> duplicate.event().siteId().equals(site))
        .toList();
  }

  private static <V> List<V> read(
      String topic, java.util.function.BiFunction<String, byte[], V> deserialize) {
    List<V> values = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> record :
        CommittedRecords.readAll(kafka.bootstrapServers(), topic)) {
      values.add(deserialize.apply(topic, record.value()));
    }
    return values;
  }

  private static <T> List<T> concat(List<T> first, List<T> second) {
    List<T> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }
}
