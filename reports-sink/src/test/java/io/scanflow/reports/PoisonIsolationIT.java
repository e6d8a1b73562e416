package io.scanflow.reports;

import static io.scanflow.reports.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;

/**
 * Records PostgreSQL refuses (written as JSON bytes straight to the sink's topics: ingest would
 * refuse them) between good records of two sites: only they go to the DLQ and to {@code
 * dead_letters}, and the sink goes on.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PoisonIsolationIT {
  private static final Duration WAIT = Duration.ofSeconds(30);

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  private KafkaProducer<String, byte[]> producer;
  private final String shop = "shop-" + UUID.randomUUID();
  private final String other = "other-" + UUID.randomUUID();

  @BeforeEach
  void startProducer() {
    var properties = kafka.clientProperties();
    properties.put(ProducerConfig.ACKS_CONFIG, "all");
    properties.put(ProducerConfig.LINGER_MS_CONFIG, "20");
    producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
  }

  @AfterEach
  void stopProducer() {
    producer.close();
  }

  @Test
  void shouldDeadLetterOnlyTheRecordsPostgresRefusesAndStoreTheRestOfTheBatch() throws Exception {
    AttributedEvent nulInProperties =
        anEvent(shop).withProperties(properties("note", "a\u0000b")).build();
    ObjectNode hugeNumber = JsonNodeFactory.instance.objectNode();
    hugeNumber.put("big", new BigDecimal("1e200000"));
    AttributedEvent numberJsonbRefuses = anEvent(other).withProperties(hugeNumber).build();
    AttributedEvent amountBeyondNumeric = anEvent(shop).withValue("1e200000", "EUR").build();
    String poisonedSite = "poisoned-" + UUID.randomUUID();
    TrackingSite nulInName = new TrackingSite(poisonedSite, "Sh\u0000p", 30, Instant.now());

    // One partition, sent together: the sink reads them as one batch and has to bisect it.
    List<Future<RecordMetadata>> sent = new ArrayList<>();
    sent.add(event(anEvent(shop).withValue("1.00", "EUR").build()));
    sent.add(event(anEvent(shop).build()));
    sent.add(event(nulInProperties));
    sent.add(event(anEvent(other).withValue("2.50", "EUR").build()));
    sent.add(event(numberJsonbRefuses));
    sent.add(event(anEvent(other).build()));
    sent.add(event(amountBeyondNumeric));
    sent.add(event(anEvent(shop).withValue("3.00", "EUR").build()));
    sent.add(send(Topics.TRACKING_SITES.name(), null, poisonedSite, json(nulInName)));
    List<RecordMetadata> written = new ArrayList<>();
    for (Future<RecordMetadata> future : sent) {
      written.add(future.get());
    }
    SinkProgress.awaitCaughtUp(kafka);

    // the good records are stored, each once, and counted exactly
    assertThat(count("select count(*) from event_log where site_id = ?", shop)).isEqualTo(3);
    assertThat(count("select sum(events) from daily_aggregates where site_id = ?", shop))
        .isEqualTo(3);
    assertThat(sum("select sum(conversion_value) from daily_aggregates where site_id = ?", shop))
        .isEqualByComparingTo("4.00");
    assertThat(count("select count(*) from event_log where site_id = ?", other)).isEqualTo(2);
    assertThat(count("select sum(events) from daily_aggregates where site_id = ?", other))
        .isEqualTo(2);
    assertThat(count("select count(*) from sites where site_id = ?", poisonedSite)).isZero();

    // only the poison records are on the DLQ, with the spec's headers
    Map<String, ConsumerRecord<byte[], byte[]>> dead =
        deadLetters(
            List.of(
                nulInProperties.event().eventKey(),
                numberJsonbRefuses.event().eventKey(),
                amountBeyondNumeric.event().eventKey(),
                poisonedSite));
    assertDeadLetter(dead.get(nulInProperties.event().eventKey()), written.get(2), shop);
    assertThat(header(dead.get(nulInProperties.event().eventKey()), DlqHeaders.ERROR_CLASS))
        .isEqualTo(PSQLException.class.getName());
    assertThat(header(dead.get(nulInProperties.event().eventKey()), DlqHeaders.ERROR_MESSAGE))
        .isEqualTo("22P05: unsupported Unicode escape sequence");
    assertDeadLetter(dead.get(numberJsonbRefuses.event().eventKey()), written.get(4), other);
    assertThat(header(dead.get(numberJsonbRefuses.event().eventKey()), DlqHeaders.ERROR_CLASS))
        .isEqualTo(PSQLException.class.getName());
    assertThat(header(dead.get(numberJsonbRefuses.event().eventKey()), DlqHeaders.ERROR_MESSAGE))
        .startsWith("22")
        .doesNotContain("200000");
    assertDeadLetter(dead.get(amountBeyondNumeric.event().eventKey()), written.get(6), shop);
    assertThat(header(dead.get(amountBeyondNumeric.event().eventKey()), DlqHeaders.ERROR_CLASS))
        .isEqualTo(IllegalArgumentException.class.getName());
    assertDeadLetter(dead.get(poisonedSite), written.get(8), poisonedSite);
    assertThat(dead.get(poisonedSite).value()).isEqualTo(json(nulInName));

    // and in dead_letters, read back from the DLQ
    await().atMost(WAIT).until(() -> storedDeadLetters(written) == 4);
    assertThat(deadLetterRow(written.get(2)))
        .isEqualTo(
            List.of(
                "reports-sink",
                shop,
                nulInProperties.event().eventId(),
                PSQLException.class.getName()));
    assertThat(deadLetterRow(written.get(8)).get(1)).isEqualTo(poisonedSite);

    // and later records are processed
    producer.send(eventRecord(anEvent(other).build())).get();
    SinkProgress.awaitCaughtUp(kafka);
    assertThat(count("select count(*) from event_log where site_id = ?", other)).isEqualTo(3);
  }

  @Test
  void shouldStoreEveryDlqRecordEvenOneWrittenByHandAndNeverSendOneBack() throws Exception {
    RecordMetadata byHand =
        send(Topics.SERVER_EVENTS_DLQ.name(), null, null, bytes("written by hand")).get();
    long sourceOffset = Math.abs(UUID.randomUUID().getMostSignificantBits() % 1_000_000_000L);
    ProducerRecord<String, byte[]> hostile =
        new ProducerRecord<>(
            Topics.SERVER_EVENTS_DLQ.name(),
            null,
            null,
            other + "/e\u0000",
            bytes("{\"site_id\":\"" + other + "\"}"),
            DlqHeaders.of(
                new RecordHeaders(),
                "dedupe\u0000-stream",
                "Some\u0000Error",
                "replaced below",
                new DlqHeaders.Source("server-events", 1, sourceOffset),
                "\u0000" + other));
    hostile
        .headers()
        .remove(DlqHeaders.ERROR_MESSAGE)
        .add(DlqHeaders.ERROR_MESSAGE, bytes("bad \u0000 message " + "x".repeat(3000)));
    producer.send(hostile).get();
    SinkProgress.awaitCaughtUp(kafka);

    await()
        .atMost(WAIT)
        .until(
            () ->
                count(
                        "select count(*) from dead_letters where stage = 'unknown'"
                            + " and error_class = 'unknown' and source_topic = ?"
                            + " and source_partition = ? and source_offset = ?",
                        Topics.SERVER_EVENTS_DLQ.name(),
                        byHand.partition(),
                        byHand.offset())
                    == 1);
    assertThat(
            count(
                // What cannot be stored is replaced, never dropped: "\u0000other" must not
                // become site "other".
                "select count(*) from dead_letters where stage = ?"
                    + " and error_class = ? and length(error_message) = 1000"
                    + " and source_topic = 'server-events' and source_partition = 1"
                    + " and source_offset = ? and site_id = ?",
                "dedupe\uFFFD-stream",
                "Some\uFFFDError",
                sourceOffset,
                "\uFFFD" + other))
        .isEqualTo(1);
    List<ConsumerRecord<byte[], byte[]>> loops =
        TopicRecords.readUntil(
                kafka, Topics.SERVER_EVENTS_DLQ.name(), r -> false, Duration.ofSeconds(2))
            .stream()
            .filter(r -> "server-events-dlq".equals(header(r, DlqHeaders.SOURCE_TOPIC)))
            .toList();
    assertThat(loops).as("dead letters of dead letters").isEmpty();
  }

  private void assertDeadLetter(
      ConsumerRecord<byte[], byte[]> dead, RecordMetadata source, String siteId) {
    assertThat(dead).as("dead letter from %s", source).isNotNull();
    assertThat(header(dead, DlqHeaders.STAGE)).isEqualTo("reports-sink");
    assertThat(header(dead, DlqHeaders.SOURCE_TOPIC)).isEqualTo(source.topic());
    assertThat(header(dead, DlqHeaders.SOURCE_PARTITION))
        .isEqualTo(Integer.toString(source.partition()));
    assertThat(header(dead, DlqHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(source.offset()));
    assertThat(header(dead, DlqHeaders.SITE_ID)).isEqualTo(siteId);
  }

  private Map<String, ConsumerRecord<byte[], byte[]>> deadLetters(List<String> keys) {
    return TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS_DLQ.name(),
            records -> records.stream().filter(r -> hasKeyIn(r, keys)).count() >= keys.size(),
            WAIT)
        .stream()
        .filter(r -> hasKeyIn(r, keys))
        .collect(Collectors.toMap(r -> text(r.key()), Function.identity(), (a, b) -> a));
  }

  private static boolean hasKeyIn(ConsumerRecord<byte[], byte[]> record, List<String> keys) {
    return record.key() != null && keys.contains(text(record.key()));
  }

  private Future<RecordMetadata> event(AttributedEvent event) {
    return producer.send(eventRecord(event));
  }

  private ProducerRecord<String, byte[]> eventRecord(AttributedEvent event) {
    return new ProducerRecord<>(
        Topics.SERVER_EVENTS_ATTRIBUTED.name(), 0, event.event().eventKey(), json(event));
  }

  private Future<RecordMetadata> send(String topic, Integer partition, String key, byte[] value) {
    return producer.send(new ProducerRecord<>(topic, partition, key, value));
  }

  private long storedDeadLetters(List<RecordMetadata> written) throws Exception {
    long stored = 0;
    for (RecordMetadata source : written) {
      stored += deadLetterRow(source).isEmpty() ? 0 : 1;
    }
    return stored;
  }

  /** stage, site_id, event_id and error_class of the row of a dead letter from reports-sink. */
  private List<String> deadLetterRow(RecordMetadata source) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "select stage, site_id, event_id, error_class from dead_letters"
                    + " where stage = 'reports-sink' and source_topic = ?"
                    + " and source_partition = ? and source_offset = ?")) {
      statement.setString(1, source.topic());
      statement.setInt(2, source.partition());
      statement.setLong(3, source.offset());
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return List.of();
        }
        List<String> row = new ArrayList<>();
        for (int column = 1; column <= 4; column++) {
          row.add(rows.getString(column));
        }
        return row;
      }
    }
  }

  private long count(String sql, Object... parameters) throws Exception {
    return sum(sql, parameters).longValueExact();
  }

  private BigDecimal sum(String sql, Object... parameters) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setObject(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        BigDecimal value = rows.getBigDecimal(1);
        return value == null ? BigDecimal.ZERO : value;
      }
    }
  }

  private static ObjectNode properties(String name, String value) {
    ObjectNode properties = JsonNodeFactory.instance.objectNode();
    properties.put(name, value);
    return properties;
  }

  private static byte[] json(Object value) {
    try {
      return ContractJson.mapper().writeValueAsBytes(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return DlqHeaders.text(record.headers(), name);
  }
}
