package io.scanflow.dedupe;

import static io.restassured.RestAssured.given;
import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.PipelineHeaders;
import io.scanflow.contract.Topics;
import io.scanflow.streams.testing.StreamsReadiness;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.RawRecords;
import io.scanflow.testsupport.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The packaged Quarkus app on a real broker: wiring, health, metrics and read_committed output. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class DedupeStreamIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @InjectKafka KafkaTestCluster kafka;

  @Test
  void shouldSplitReceiptsIntoUniqueAndDuplicatesOnceRunning() throws Exception {
    StreamsReadiness.awaitRunning(TIMEOUT);
    Instant now = Instant.now();
    IngestedEvent first = anEvent().withEventId("it-1").receivedAt(now).build();
    IngestedEvent resend = anEvent().withEventId("it-1").receivedAt(now.plusSeconds(1)).build();

    send(first.eventKey(), json(first), now);
    send("site-a/poison", "not json".getBytes(StandardCharsets.UTF_8), now);
    send(resend.eventKey(), json(resend), now.plusSeconds(1));

    List<ConsumerRecord<byte[], byte[]>> unique =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_UNIQUE.name(), 1, TIMEOUT);
    List<ConsumerRecord<byte[], byte[]>> duplicates =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_DUPLICATES.name(), 1, TIMEOUT);
    List<ConsumerRecord<byte[], byte[]>> dlq =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_DLQ.name(), 1, TIMEOUT);
    assertThat(unique).hasSize(1);
    assertThat(new String(unique.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo(first.scanSessionId());
    assertThat(unique.get(0).headers().lastHeader(PipelineHeaders.DEDUPLICATED_AT)).isNotNull();
    assertThat(duplicates).hasSize(1);
    assertThat(new String(duplicates.get(0).key(), StandardCharsets.UTF_8))
        .isEqualTo("site-a/it-1");
    assertThat(dlq).hasSize(1);
    assertThat(dlq.get(0).headers().lastHeader(DlqHeaders.STAGE).value())
        .isEqualTo("dedupe-stream".getBytes(StandardCharsets.UTF_8));
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("scanflow_dedupe_records_out_total{outcome=\"duplicate\"} 1.0"))
        .body(containsString("scanflow_dedupe_dead_letters_total 1.0"));
  }

  private void send(String key, byte[] value, Instant timestamp) throws Exception {
    RawRecords.send(kafka, Topics.SERVER_EVENTS.name(), key, value, timestamp);
  }

  private static byte[] json(IngestedEvent event) {
    return Topics.SERVER_EVENTS.valueSerde().serializer().serialize("", event);
  }
}
