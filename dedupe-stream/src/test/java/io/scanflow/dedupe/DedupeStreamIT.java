package io.scanflow.dedupe;

import static io.restassured.RestAssured.given;
import static io.scanflow.streams.testing.PaddedEvents.padded;
import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.streams.StreamThreadReplacement;
import io.scanflow.streams.testing.StreamsReadiness;
import io.scanflow.streams.testing.TransactionalProducers;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.RawRecords;
import io.scanflow.testsupport.TopicRecords;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.junit.jupiter.api.Test;

/** The packaged Quarkus app on a real broker: wiring, health, metrics and read_committed output. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DedupeStreamIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  /**
   * A receipt the broker takes (under the producer's 1 MiB) whose counted copy, with its scan
   * session key and deduplicated-at header, is over the app's record limit (1 MiB less 1 KiB).
   */
  private static final int OVERSIZED_VALUE_BYTES = 1_048_300;

  @InjectKafka KafkaTestCluster kafka;
  @Inject StreamsUncaughtExceptionHandler uncaughtExceptionHandler;

  @Test
  void shouldSplitReceiptsAndDeadLetterPoisonWhileRunning() throws Exception {
    StreamsReadiness.awaitRunning(TIMEOUT);
    Instant now = Instant.now();
    IngestedEvent first = anEvent().withEventId("it-1").receivedAt(now).build();
    IngestedEvent oversized = oversized(anEvent().withEventId("it-big").receivedAt(now).build());
    IngestedEvent resend = anEvent().withEventId("it-1").receivedAt(now.plusSeconds(1)).build();

    send(first.eventKey(), json(first), now);
    send("site-a/poison", "not json".getBytes(StandardCharsets.UTF_8), now);
    // Without the stage's own size check this receipt would abort every transaction of its task.
    send(oversized.eventKey(), json(oversized), now);
    send(resend.eventKey(), json(resend), now.plusSeconds(1));

    List<ConsumerRecord<byte[], byte[]>> unique =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_UNIQUE.name(), 1, TIMEOUT);
    List<ConsumerRecord<byte[], byte[]>> duplicates =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_DUPLICATES.name(), 1, TIMEOUT);
    List<ConsumerRecord<byte[], byte[]>> dlq =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_DLQ.name(), 2, TIMEOUT);
    assertThat(unique).hasSize(1);
    assertThat(new String(unique.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo(first.scanSessionId());
    assertThat(unique.get(0).headers().lastHeader(PipelineHeaders.DEDUPLICATED_AT)).isNotNull();
    assertThat(duplicates).hasSize(1);
    assertThat(new String(duplicates.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo("site-a/it-1");
    assertThat(dlq).hasSize(2);
    assertThat(dlq)
        .allSatisfy(
            record -> assertThat(header(record, DlqHeaders.STAGE)).isEqualTo("dedupe-stream"));
    ConsumerRecord<byte[], byte[]> tooLarge =
        dlq.stream()
            .filter(
                record -> "site-a/it-big".equals(new String(record.key(), StandardCharsets.UTF_8)))
            .findFirst()
            .orElseThrow();
    assertThat(header(tooLarge, DlqHeaders.ERROR_CLASS))
        .isEqualTo(RecordTooLargeException.class.getName());
    assertThat(header(tooLarge, DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events");
    assertThat(header(tooLarge, DlqHeaders.SITE_ID)).isEqualTo("site-a");
    assertThat(tooLarge.value()).as("too large to keep in the DLQ too").isNull();
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("scanflow_dedupe_records_out_total{outcome=\"duplicate\"} 1.0"))
        .body(containsString("scanflow_dedupe_dead_letters_total 2.0"))
        .body(containsString("scanflow_streams_uncaught_exceptions_total 0.0"));
    given().get("/q/health/ready").then().statusCode(200).body(containsString("RUNNING"));
  }

  @Test
  void shouldWriteThroughTransactionalProducersByTheSettingsBothStreamsAppsShare() {
    StreamsReadiness.awaitRunning(TIMEOUT);
    // exactly_once_v2 is not in this app's application.properties: it comes from streams-support.
    TransactionalProducers.awaitAnyOf(kafka, "scanflow-dedupe-stream", TIMEOUT);
  }

  @Test
  void shouldGiveKafkaStreamsTheThreadReplacingHandler() {
    // Quarkus sets the one StreamsUncaughtExceptionHandler bean on the KafkaStreams it builds.
    assertThat(uncaughtExceptionHandler).isInstanceOf(StreamThreadReplacement.class);
  }

  /** The event padded so that its JSON has {@link #OVERSIZED_VALUE_BYTES}. */
  private static IngestedEvent oversized(IngestedEvent event) {
    int unpadded = json(padded(event, 0)).length;
    IngestedEvent oversized = padded(event, OVERSIZED_VALUE_BYTES - unpadded);
    assertThat(json(oversized)).hasSize(OVERSIZED_VALUE_BYTES);
    return oversized;
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    return DlqHeaders.text(record.headers(), name);
  }

  private void send(String key, byte[] value, Instant timestamp) throws Exception {
    RawRecords.send(kafka, Topics.SERVER_EVENTS.name(), key, value, timestamp);
  }

  private static byte[] json(IngestedEvent event) {
    return Topics.SERVER_EVENTS.valueSerde().serializer().serialize("", event);
  }
}
