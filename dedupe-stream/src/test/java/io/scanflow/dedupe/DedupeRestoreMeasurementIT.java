package io.scanflow.dedupe;

import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.Topics;
import io.scanflow.streams.testing.ForkedStage;
import io.scanflow.streams.testing.StreamsProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.LogDirDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Measures how long dedupe-stream takes to rebuild its store from the changelog, and how big the
 * store is, with N ids in the window ({@code -Dscanflow.restore.ids=100000}; smaller by default to
 * keep the build fast). Prints one {@code MEASURED} line per figure.
 */
class DedupeRestoreMeasurementIT {
  private static final String CHANGELOG =
      "scanflow-dedupe-stream-" + DedupeTopology.FIRST_RECEIPTS_STORE + "-changelog";
  private static final int IDS = Integer.getInteger("scanflow.restore.ids", 20_000);
  private static final int CHUNK = 2_000;
  @RegisterExtension static final ForkedStage dedupe = DedupeTopologyFactory.forked();

  @TempDir Path stateRoot;

  @Test
  void shouldRestoreEveryRememberedIdAfterRestart() throws Exception {
    produceDistinctIds(IDS);
    long processingStarted = System.nanoTime();
    try (StreamsProcess first = start("first", "measure-first")) {
      awaitNoLag(first);
      report(
          "processing of " + IDS + " receipts (incl. start-up)",
          millisSince(processingStarted) + " ms");
      first.kill();
    }

    long restartedAt = System.nanoTime();
    try (StreamsProcess afterKill = start("first", "measure-after-kill")) {
      awaitRunning(afterKill);
      report(
          "restart after SIGKILL, same state dir: start to RUNNING",
          millisSince(restartedAt) + " ms");
      report("restore after SIGKILL", restored(afterKill));
      afterKill.stop(Duration.ofSeconds(30));
    }

    long freshAt = System.nanoTime();
    try (StreamsProcess fresh = start("fresh", "measure-fresh")) {
      awaitRunning(fresh);
      report("start with an empty state dir: start to RUNNING", millisSince(freshAt) + " ms");
      report("restore into an empty state dir", restored(fresh));
      report(
          "store on disk after restore",
          directoryBytes(stateRoot.resolve("fresh")) / 1024 + " KiB");
      report("changelog on the broker", changelogBytes() / 1024 + " KiB");
      assertThat(restoredRecords(fresh)).isEqualTo(IDS);
    }
  }

  /**
   * Writes {@code count} receipts of distinct ids. Every write is checked: on a busy machine the
   * broker can refuse a producer's sequence, and an unchecked send would silently lose ids. A chunk
   * that failed is resent with a new producer; a receipt written twice is a duplicate and adds
   * nothing to the store, so the store still holds exactly {@code count} ids.
   */
  private static void produceDistinctIds(int count) throws InterruptedException {
    Instant base = Instant.now().minus(Duration.ofDays(3));
    List<ProducerRecord<String, IngestedEvent>> records = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      Instant at = base.plusMillis(i);
      IngestedEvent event =
          anEvent()
              .withSiteId("site-measure")
              .withEventId(UUID.randomUUID().toString())
              .receivedAt(at)
              .build();
      records.add(
          new ProducerRecord<>(
              Topics.SERVER_EVENTS.name(), null, at.toEpochMilli(), event.eventKey(), event));
    }
    for (int from = 0; from < count; from += CHUNK) {
      sendChecked(records.subList(from, Math.min(count, from + CHUNK)));
    }
  }

  private static void sendChecked(List<ProducerRecord<String, IngestedEvent>> chunk)
      throws InterruptedException {
    ExecutionException last = null;
    for (int attempt = 1; attempt <= 3; attempt++) {
      try (KafkaProducer<String, IngestedEvent> producer = producer()) {
        List<Future<RecordMetadata>> acks = new ArrayList<>(chunk.size());
        chunk.forEach(record -> acks.add(producer.send(record)));
        for (Future<RecordMetadata> ack : acks) {
          ack.get();
        }
        return;
      } catch (ExecutionException e) {
        last = e;
      }
    }
    throw new IllegalStateException("Could not write the measurement's receipts", last);
  }

  private static KafkaProducer<String, IngestedEvent> producer() {
    Map<String, Object> props =
        Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
            dedupe.kafka().bootstrapServers(),
            ProducerConfig.ACKS_CONFIG,
            "all",
            ProducerConfig.LINGER_MS_CONFIG,
            20,
            ProducerConfig.BATCH_SIZE_CONFIG,
            256 * 1024);
    return new KafkaProducer<>(
        props, new StringSerializer(), Topics.SERVER_EVENTS.valueSerde().serializer());
  }

  private StreamsProcess start(String stateName, String logName) throws IOException {
    return dedupe.start(stateRoot.resolve(stateName), logName, Map.of());
  }

  private static void awaitNoLag(StreamsProcess process) {
    dedupe.awaitLagAtMost(
        Topics.SERVER_EVENTS.name(), 0, Duration.ofMinutes(5), Duration.ofMillis(500), process);
  }

  private static void awaitRunning(StreamsProcess process) {
    ForkedStage.awaitRunning(Duration.ofMinutes(3), process);
  }

  /** "records in ms" summed over partitions; partitions restore one after another in one thread. */
  private static String restored(StreamsProcess process) {
    long millis = restoreLines(process).mapToLong(parts -> Long.parseLong(parts[4])).sum();
    return restoredRecords(process) + " records in " + millis + " ms";
  }

  private static long restoredRecords(StreamsProcess process) {
    return restoreLines(process).mapToLong(parts -> Long.parseLong(parts[3])).sum();
  }

  private static Stream<String[]> restoreLines(StreamsProcess process) {
    return process.reports().stream()
        .filter(line -> line.startsWith("RESTORED " + DedupeTopology.FIRST_RECEIPTS_STORE + " "))
        .map(line -> line.split(" "));
  }

  private static long directoryBytes(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(DedupeRestoreMeasurementIT::size).sum();
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0; // RocksDB deleted it while we walked
    }
  }

  private static long changelogBytes() throws Exception {
    try (Admin admin = dedupe.kafka().admin()) {
      List<Integer> brokers =
          admin.describeCluster().nodes().get().stream().map(node -> node.id()).toList();
      return admin.describeLogDirs(brokers).allDescriptions().get().values().stream()
          .flatMap(dirs -> dirs.values().stream())
          .map(LogDirDescription::replicaInfos)
          .flatMap(replicas -> replicas.entrySet().stream())
          .filter(replica -> replica.getKey().topic().equals(CHANGELOG))
          .mapToLong(replica -> replica.getValue().size())
          .sum();
    }
  }

  private static long millisSince(long nanos) {
    return (System.nanoTime() - nanos) / 1_000_000;
  }

  private static void report(String what, String value) {
    System.out.println("MEASURED " + what + ": " + value);
  }
}
