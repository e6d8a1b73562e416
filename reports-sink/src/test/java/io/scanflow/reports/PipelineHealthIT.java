package io.scanflow.reports;

import static io.scanflow.reports.ReportsApi.json;
import static io.scanflow.reports.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.reports.api.PipelineHealth;
import io.scanflow.reports.api.StageHealth;
import io.scanflow.reports.sink.SinkHealth;
import io.scanflow.reports.store.WarningQueries;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** {@code GET /api/pipeline} on a real broker and database: status, lag and dead letters. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PipelineHealthIT {
  private static final List<String> STAGES =
      List.of("dedupe-stream", "attribution-stream", "reports-sink");

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;
  @Inject SinkHealth sinkHealth;
  @Inject ReportsConfig config;
  @Inject WarningQueries warnings;

  @Test
  void shouldShowAnIdleSinkFedInTransactionsAsOkWithLagZero() throws Exception {
    // given 12 events written in three transactions, as attribution-stream writes them
    String site = "health-" + UUID.randomUUID();
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Health shop");
    }
    try (KafkaProducer<String, AttributedEvent> producer = transactionalProducer()) {
      for (int transaction = 0; transaction < 3; transaction++) {
        producer.beginTransaction();
        for (int i = 0; i < 4; i++) {
          producer.send(record(anEvent(site).build()));
        }
        producer.commitTransaction();
      }
    }

    // when the sink has stored them all
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> json("/api/sites/" + site + "/summary").get("events").asLong() == 12);

    // then it is ok with lag 0 over every partition of its six inputs (the DLQ and
    // request-rejections it reads too), although the raw offsets still show the commit markers
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () -> {
              JsonNode sink = stage(json("/api/pipeline"), "reports-sink");
              assertThat(sink.get("status").asText()).isEqualTo("ok");
              assertThat(sink.get("lag").asLong()).isZero();
              assertThat(sink.get("partitions").asInt())
                  .isEqualTo(6 * KafkaTestCluster.TEST_PARTITIONS);
              assertThat(sink.get("stalled_since").isNull()).isTrue();
            });
    assertThat(rawGapOfTheSink()).as("commit markers after the sink's offsets").isPositive();
  }

  @Test
  void shouldCountEachStagesDeadLettersOfTheLast24Hours() throws Exception {
    Map<String, Long> before = deadLetters24h();
    Instant now = Instant.now();

    DeadLetterRows.insert(database, "dedupe-stream", null, null, "E", "unreadable", now);
    DeadLetterRows.insert(database, "dedupe-stream", "s", "e-1", "E", "unreadable", now);
    DeadLetterRows.insert(database, "attribution-stream", "s", "e-2", "E", "owned", now);
    DeadLetterRows.insert(
        database, "reports-sink", "s", "e-3", "E", "old", now.minus(25, ChronoUnit.HOURS));

    Map<String, Long> after = deadLetters24h();
    assertThat(after.get("dedupe-stream") - before.get("dedupe-stream")).isEqualTo(2);
    assertThat(after.get("attribution-stream") - before.get("attribution-stream")).isEqualTo(1);
    assertThat(after.get("reports-sink") - before.get("reports-sink")).isZero();
  }

  @Test
  void shouldReportTheSinksOwnStallWithSinceAndReason() {
    Instant since = Instant.now().minusSeconds(45).truncatedTo(ChronoUnit.MILLIS);
    sinkHealth.failing(since, "database unreachable: Connection refused");
    try {
      JsonNode sink = stage(json("/api/pipeline"), "reports-sink");

      assertThat(sink.get("status").asText()).isEqualTo("stalled");
      assertThat(Instant.parse(sink.get("stalled_since").asText())).isEqualTo(since);
      assertThat(sink.get("stall_reason").asText()).contains("database unreachable");
      assertThat(stage(json("/api/pipeline"), "dedupe-stream").get("status").asText())
          .isNotEqualTo("stalled");
    } finally {
      sinkHealth.progressed();
    }
    assertThat(stage(json("/api/pipeline"), "reports-sink").get("status").asText())
        .isNotEqualTo("stalled");
  }

  @Test
  void shouldSayUnavailableInsteadOfFailingWhenKafkaCannotBeReached() throws Exception {
    PipelineHealth unreachable =
        new PipelineHealth(
            Map.of("bootstrap.servers", "127.0.0.1:" + closedPort()),
            "scanflow-reports-sink",
            config,
            sinkHealth,
            warnings);
    try {
      List<StageHealth> stages = unreachable.stages(Instant.now());

      assertThat(stages).extracting(StageHealth::stage).containsExactlyElementsOf(STAGES);
      assertThat(stages).allSatisfy(stage -> assertThat(stage.status()).isEqualTo("unavailable"));
      assertThat(stages).allSatisfy(stage -> assertThat(stage.lag()).isNull());
      assertThat(stages).allSatisfy(stage -> assertThat(stage.deadLetters24h()).isNotNull());
    } finally {
      unreachable.close();
    }
  }

  private static JsonNode stage(JsonNode pipeline, String name) {
    for (JsonNode stage : pipeline.get("stages")) {
      if (name.equals(stage.get("stage").asText())) {
        return stage;
      }
    }
    throw new AssertionError("no stage " + name + " in " + pipeline);
  }

  private static Map<String, Long> deadLetters24h() {
    JsonNode pipeline = json("/api/pipeline");
    Map<String, Long> counts = new HashMap<>();
    STAGES.forEach(
        name -> counts.put(name, stage(pipeline, name).get("dead_letters_24h").asLong()));
    return counts;
  }

  private KafkaProducer<String, AttributedEvent> transactionalProducer() {
    Properties properties = kafka.clientProperties();
    properties.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "health-it-" + UUID.randomUUID());
    KafkaProducer<String, AttributedEvent> producer =
        new KafkaProducer<>(
            properties,
            new StringSerializer(),
            Topics.SERVER_EVENTS_ATTRIBUTED.valueSerde().serializer());
    producer.initTransactions();
    return producer;
  }

  private static ProducerRecord<String, AttributedEvent> record(AttributedEvent event) {
    ProducerRecord<String, AttributedEvent> record =
        new ProducerRecord<>(
            Topics.SERVER_EVENTS_ATTRIBUTED.name(), event.event().eventKey(), event);
    PipelineHeaders.stampDeduplicatedAt(record.headers(), event.attributedAt());
    return record;
  }

  /** High watermarks minus the sink's committed offsets on its transactional input. */
  private long rawGapOfTheSink() throws Exception {
    try (Admin admin = kafka.admin()) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      for (int p = 0; p < KafkaTestCluster.TEST_PARTITIONS; p++) {
        latest.put(
            new TopicPartition(Topics.SERVER_EVENTS_ATTRIBUTED.name(), p), OffsetSpec.latest());
      }
      var ends = admin.listOffsets(latest).all().get();
      var committed =
          admin
              .listConsumerGroupOffsets("scanflow-reports-sink")
              .partitionsToOffsetAndMetadata()
              .get();
      return latest.keySet().stream()
          .mapToLong(
              p ->
                  ends.get(p).offset() - (committed.get(p) == null ? 0 : committed.get(p).offset()))
          .sum();
    }
  }

  private static int closedPort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
