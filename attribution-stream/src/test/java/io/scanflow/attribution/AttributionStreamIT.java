package io.scanflow.attribution;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.streams.testing.StreamsReadiness;
import io.scanflow.streams.testing.TransactionalProducers;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.RawRecords;
import io.scanflow.testsupport.TopicRecords;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.Test;

/** The packaged Quarkus app on a real broker: wiring, health, metrics and read_committed output. */
@QuarkusTest
@WithTestResource(KafkaTestResource.class)
class AttributionStreamIT {
  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @InjectKafka KafkaTestCluster kafka;
  @Inject KafkaStreams streams;

  /** A session no window can be added to: attributing an event to it throws. */
  private static final ScanSession END_OF_TIME =
      new ScanSession(
          "7c9e6679-7425-40de-944b-e07fc1f90ae7",
          "site-it",
          "qr-9",
          "forever",
          Instant.parse("+1000000000-12-31T00:00:00Z"));

  @Test
  void shouldWriteThroughTransactionalProducersByTheSettingsBothStreamsAppsShare() {
    StreamsReadiness.awaitRunning(TIMEOUT);
    // exactly_once_v2 is not in this app's application.properties: it comes from streams-support.
    TransactionalProducers.awaitAnyOf(kafka, "scanflow-attribution-stream", TIMEOUT);
  }

  @Test
  void shouldAttributeTimeOutAndDeadLetterWhileRunning() throws Exception {
    StreamsReadiness.awaitRunning(TIMEOUT);
    Instant now = Instant.now();
    ScanSession session =
        new ScanSession("0f8fad5b-d9cb-469f-a165-70867728950e", "site-it", "qr-1", "launch", now);
    IngestedEvent withinSevenDays =
        Scans.anEventOf(session).withEventId("in").at(now.plus(Duration.ofDays(6))).build();
    IngestedEvent afterSevenDays =
        Scans.anEventOf(session).withEventId("late").at(now.plus(Duration.ofDays(8))).build();
    IngestedEvent orphan =
        Scans.anEventOf(aSessionOf("site-it")).withEventId("orphan").at(now).build();
    IngestedEvent doomed = Scans.anEventOf(END_OF_TIME).withEventId("doomed").at(now).build();

    send(
        Topics.TRACKING_SITES.name(),
        "site-it",
        Topics.TRACKING_SITES
            .valueSerde()
            .serializer()
            .serialize("", new TrackingSite("site-it", "IT", 7, now)),
        now);
    // The global thread applies the site on its own: wait until the app sees the 7-day window.
    await().atMost(TIMEOUT).until(() -> sites().get("site-it") != null);
    send(
        Topics.SCAN_SESSIONS.name(),
        session.scanSessionId(),
        Topics.SCAN_SESSIONS.valueSerde().serializer().serialize("", session),
        now);
    send(
        Topics.SCAN_SESSIONS.name(),
        END_OF_TIME.scanSessionId(),
        Topics.SCAN_SESSIONS.valueSerde().serializer().serialize("", END_OF_TIME),
        now);
    // Its attribution throws in the stage's own code; the events after it must still come out.
    for (IngestedEvent event : List.of(doomed, withinSevenDays, afterSevenDays, orphan)) {
      send(
          Topics.SERVER_EVENTS_UNIQUE.name(),
          event.scanSessionId(),
          Topics.SERVER_EVENTS_UNIQUE.valueSerde().serializer().serialize("", event),
          now);
    }
    send(
        Topics.SERVER_EVENTS_UNIQUE.name(),
        session.scanSessionId(),
        "{".getBytes(StandardCharsets.UTF_8),
        now);

    List<ConsumerRecord<byte[], byte[]>> out =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_ATTRIBUTED.name(), 4, TIMEOUT);
    List<AttributedEvent> values =
        out.stream()
            .map(
                record ->
                    Topics.SERVER_EVENTS_ATTRIBUTED
                        .valueSerde()
                        .deserializer()
                        .deserialize("", record.value()))
            .toList();
    assertThat(values)
        .filteredOn(event -> event.attribution().status() == AttributionStatus.PENDING)
        .as("only the orphan waited, and was visible as pending while it did")
        .extracting(event -> event.event().eventId())
        .containsExactly("orphan");
    Map<String, Attribution> byEvent =
        values.stream()
            .filter(event -> event.attribution().status() != AttributionStatus.PENDING)
            .collect(
                Collectors.toMap(event -> event.event().eventId(), AttributedEvent::attribution));
    assertThat(byEvent)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "in", Attribution.attributed(session),
                "late", Attribution.unattributed(UnattributedReason.OUTSIDE_WINDOW),
                "orphan", Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND)));
    List<ConsumerRecord<byte[], byte[]>> dlq =
        TopicRecords.readAtLeast(kafka, Topics.SERVER_EVENTS_DLQ.name(), 2, TIMEOUT);
    assertThat(dlq).hasSize(2);
    assertThat(dlq)
        .allSatisfy(
            record ->
                assertThat(DlqHeaders.text(record.headers(), DlqHeaders.STAGE))
                    .isEqualTo("attribution-stream"));
    ConsumerRecord<byte[], byte[]> failed =
        dlq.stream()
            .filter(
                record ->
                    DateTimeException.class
                        .getName()
                        .equals(DlqHeaders.text(record.headers(), DlqHeaders.ERROR_CLASS)))
            .findFirst()
            .orElseThrow();
    assertThat(
            Topics.SERVER_EVENTS_UNIQUE.valueSerde().deserializer().deserialize("", failed.value()))
        .isEqualTo(doomed);
    assertThat(DlqHeaders.text(failed.headers(), DlqHeaders.SOURCE_TOPIC))
        .isEqualTo("server-events-unique");
    assertThat(DlqHeaders.text(failed.headers(), DlqHeaders.SITE_ID)).isEqualTo("site-it");
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(
            containsString(
                "scanflow_attribution_records_out_total{reason=\"session_not_found\",status=\"unattributed\"} 1.0"))
        .body(
            containsString(
                "scanflow_attribution_records_out_total{reason=\"none\",status=\"attributed\"} 1.0"))
        .body(containsString("scanflow_attribution_pending "))
        .body(containsString("scanflow_attribution_dead_letters_total 2.0"))
        .body(containsString("scanflow_streams_uncaught_exceptions_total 0.0"));
    given().get("/q/health/ready").then().statusCode(200).body(containsString("RUNNING"));
  }

  private static ScanSession aSessionOf(String site) {
    return Scans.aSession().withSiteId(site).build();
  }

  private ReadOnlyKeyValueStore<String, byte[]> sites() {
    return streams.store(
        StoreQueryParameters.fromNameAndType(
            AttributionTopology.SITES_STORE, QueryableStoreTypes.<String, byte[]>keyValueStore()));
  }

  private void send(String topic, String key, byte[] value, Instant timestamp) throws Exception {
    RawRecords.send(kafka, topic, key, value, timestamp);
  }
}
