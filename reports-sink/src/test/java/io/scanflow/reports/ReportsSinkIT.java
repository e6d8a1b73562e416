package io.scanflow.reports;

import static io.scanflow.reports.ReportsApi.json;
import static io.scanflow.reports.TestEvents.anEvent;
import static io.scanflow.reports.TestEvents.duplicateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.DlqHeaders;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class ReportsSinkIT {
  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  private static TopicPublisher publisher;
  private String site;

  @BeforeEach
  void newSite() {
    if (publisher == null) {
      publisher = new TopicPublisher(kafka);
    }
    site = "site-" + UUID.randomUUID();
    publisher.site(site, "Shop " + site);
  }

  @AfterAll
  static void closePublisher() {
    if (publisher != null) {
      publisher.close();
      publisher = null;
    }
  }

  @Test
  void shouldCountEveryEventOfABatchByOutcomeNameAndQrCode() {
    publisher.attributed(
        anEvent(site).attributedTo("qr-a").build(),
        anEvent(site).attributedTo("qr-a").named("signup").build(),
        anEvent(site).attributedTo("qr-b").build(),
        anEvent(site).unattributed(UnattributedReason.SESSION_NOT_FOUND).build(),
        anEvent(site).unattributed(UnattributedReason.OUTSIDE_WINDOW).named("signup").build());

    JsonNode summary = awaitSummary(s -> s.get("events").asLong() == 5);

    assertThat(summary.get("attributed").asLong()).isEqualTo(3);
    assertThat(summary.get("unattributed").asLong()).isEqualTo(2);
    assertThat(summary.get("duplicates").asLong()).isZero();
    assertThat(summary.at("/unattributed_reasons/session_not_found").asLong()).isEqualTo(1);
    assertThat(summary.at("/unattributed_reasons/outside_window").asLong()).isEqualTo(1);
    assertThat(summary.at("/unattributed_reasons/site_mismatch").asLong()).isZero();
    assertThat(summary.at("/by_event_name/0/event_name").asText()).isEqualTo("purchase");
    assertThat(summary.at("/by_event_name/0/events").asLong()).isEqualTo(3);
    assertThat(summary.at("/by_qr_code/0/qr_code_id").asText()).isEqualTo("qr-a");
    assertThat(summary.at("/by_qr_code/0/events").asLong()).isEqualTo(2);
    assertThat(summary.at("/by_day").size()).isEqualTo(30);
  }

  @Test
  void shouldLeaveTablesIdenticalWhenTheSameRecordsAreDeliveredTwice() throws Exception {
    List<AttributedEvent> events =
        List.of(
            anEvent(site).withValue("10.50", "EUR").build(),
            anEvent(site).unattributed(UnattributedReason.SITE_MISMATCH).build());
    DuplicateEvent duplicate = duplicateOf(events.get(0));
    publisher.attributed(events);
    publisher.duplicates(duplicate);
    SinkProgress.awaitCaughtUp(kafka);
    List<String> before = TableSnapshot.of(database, site);

    publisher.attributed(events);
    publisher.duplicates(duplicate);
    SinkProgress.awaitCaughtUp(kafka);

    assertThat(before).hasSize(2 + 1 + 2 + 1 + 1);
    assertThat(TableSnapshot.of(database, site)).isEqualTo(before);
    JsonNode summary = json(summaryPath());
    assertThat(summary.get("events").asLong()).isEqualTo(2);
    assertThat(summary.get("duplicates").asLong()).isEqualTo(1);
  }

  @Test
  void shouldCountDuplicatesApartAndExcludeThemFromEveryOtherFigure() {
    AttributedEvent counted = anEvent(site).withValue("20.00", "EUR").build();
    publisher.attributed(counted);
    publisher.duplicates(duplicateOf(counted), duplicateOf(counted));

    JsonNode summary = awaitSummary(s -> s.get("duplicates").asLong() == 2);

    assertThat(summary.get("events").asLong()).isEqualTo(1);
    assertThat(summary.get("attributed").asLong()).isEqualTo(1);
    assertThat(money(summary.get("conversion_value"), "EUR")).isEqualByComparingTo("20.00");
    assertThat(summary.at("/by_event_name/0/events").asLong()).isEqualTo(1);
    JsonNode receipts = json("/api/sites/" + site + "/events");
    List<String> statuses = new java.util.ArrayList<>();
    receipts.forEach(receipt -> statuses.add(receipt.get("status").asText()));
    assertThat(statuses).containsExactlyInAnyOrder("counted", "duplicate", "duplicate");
  }

  @Test
  void shouldSumConversionValuesAsExactDecimalsPerCurrency() {
    publisher.attributed(
        anEvent(site).withValue("0.1", "EUR").build(),
        anEvent(site).withValue("0.2", "EUR").build(),
        anEvent(site).withValue("19.99", "USD").named("subscription").build(),
        anEvent(site).named("page_view").build());

    JsonNode summary = awaitSummary(s -> s.get("events").asLong() == 4);

    assertThat(money(summary.get("conversion_value"), "EUR")).isEqualTo(new BigDecimal("0.3"));
    assertThat(money(summary.get("conversion_value"), "USD")).isEqualTo(new BigDecimal("19.99"));
    assertThat(summary.get("conversion_value").size()).isEqualTo(2);
  }

  @Test
  void shouldBucketEventsByTheUtcDayOfTheirEventTime() {
    publisher.attributed(
        anEvent(site).at(Instant.parse("2026-03-01T23:59:59.999Z")).build(),
        anEvent(site).at(Instant.parse("2026-03-02T00:00:00Z")).build(),
        // 00:30 in Paris is still the 1st in UTC.
        anEvent(site).at(Instant.parse("2026-03-02T00:30:00+01:00")).build());

    String path = "/api/sites/" + site + "/summary?from=2026-03-01&to=2026-03-02";
    await().atMost(Duration.ofSeconds(30)).until(() -> json(path).get("events").asLong() == 3);

    JsonNode byDay = json(path).get("by_day");
    assertThat(byDay.size()).isEqualTo(2);
    assertThat(byDay.at("/0/day").asText()).isEqualTo("2026-03-01");
    assertThat(byDay.at("/0/events").asLong()).isEqualTo(2);
    assertThat(byDay.at("/1/day").asText()).isEqualTo("2026-03-02");
    assertThat(byDay.at("/1/events").asLong()).isEqualTo(1);
    String secondOnly = "/api/sites/" + site + "/summary?from=2026-03-02&to=2026-03-02";
    assertThat(json(secondOnly).get("events").asLong()).isEqualTo(1);
  }

  @Test
  void shouldTraceAnEventFromAcceptanceToStorageWithItsDuplicates() {
    AttributedEvent counted = anEvent(site).attributedTo("qr-trace").build();
    String path = "/api/sites/" + site + "/events/" + counted.event().eventId();
    assertThat(ReportsApi.asAdmin(path).statusCode()).isEqualTo(404);

    publisher.attributed(counted);
    publisher.duplicates(duplicateOf(counted));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () ->
                ReportsApi.asAdmin(path).statusCode() == 200
                    && json(path).get("duplicates").size() == 1);
    JsonNode trace = json(path);
    assertThat(trace.get("accepted_at").asText())
        .isEqualTo(counted.event().receivedAt().toString());
    assertThat(trace.get("deduplicated_at").isNull()).isFalse();
    assertThat(trace.get("attributed_at").asText()).isEqualTo(counted.attributedAt().toString());
    assertThat(trace.get("stored_at").isNull()).isFalse();
    assertThat(trace.at("/attribution/status").asText()).isEqualTo("attributed");
    assertThat(trace.at("/attribution/qr_code_id").asText()).isEqualTo("qr-trace");
  }

  @Test
  void shouldTraceAnEventWhoseIdContainsSlashesWhenTheClientEncodesThem() {
    AttributedEvent counted = anEvent(site).withEventId("order/2026/17").build();
    String encoded = URLEncoder.encode("order/2026/17", StandardCharsets.UTF_8);
    String path = "/api/sites/" + site + "/events/" + encoded;
    assertThat(encoded).isEqualTo("order%2F2026%2F17");

    publisher.attributed(counted);

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ReportsApi.asAdminEncoded(path).statusCode() == 200);
    JsonNode trace = ReportsApi.read(ReportsApi.asAdminEncoded(path).asString());
    assertThat(trace.get("event_id").asText()).isEqualTo("order/2026/17");
    assertThat(trace.get("ingest_id").asText()).isEqualTo(counted.event().ingestId().toString());
  }

  @Test
  void shouldSendAnUnreadableRecordToTheDlqWithItsSourceAndStoreTheRecordsAroundIt() {
    AttributedEvent before = anEvent(site).build();
    AttributedEvent after = anEvent(site).build();
    String key = site + "/garbage";
    byte[] garbage = "{\"event_id\": not json \u00ff".getBytes(StandardCharsets.UTF_8);

    publisher.attributed(before);
    RecordMetadata written = publisher.raw(Topics.SERVER_EVENTS_ATTRIBUTED.name(), key, garbage);
    publisher.attributed(after);

    SinkProgress.awaitCaughtUp(kafka);
    assertThat(json(summaryPath()).get("events").asLong()).isEqualTo(2);
    List<ConsumerRecord<byte[], byte[]>> dlq =
        TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS_DLQ.name(),
            records -> records.stream().anyMatch(r -> key.equals(text(r.key()))),
            Duration.ofSeconds(30));
    ConsumerRecord<byte[], byte[]> dead =
        dlq.stream().filter(r -> key.equals(text(r.key()))).findFirst().orElseThrow();
    assertThat(dead.value()).isEqualTo(garbage);
    assertThat(header(dead, DlqHeaders.ERROR_MESSAGE)).contains("AttributedEvent");
    assertThat(header(dead, DlqHeaders.ERROR_CLASS))
        .isEqualTo(SerializationException.class.getName());
    assertThat(header(dead, DlqHeaders.SOURCE_TOPIC)).isEqualTo("server-events-attributed");
    assertThat(header(dead, DlqHeaders.SOURCE_PARTITION))
        .isEqualTo(Integer.toString(written.partition()));
    assertThat(header(dead, DlqHeaders.SOURCE_OFFSET)).isEqualTo(Long.toString(written.offset()));
    assertThat(header(dead, DlqHeaders.STAGE)).isEqualTo("reports-sink");
  }

  @Test
  void shouldReportEachStagesLagAndTheEndToEndLatencyOfRecentEvents() {
    publisher.attributed(anEvent(site).build());
    SinkProgress.awaitCaughtUp(kafka);

    JsonNode pipeline = json("/api/pipeline");

    assertThat(pipeline.get("stages").findValuesAsText("group"))
        .containsExactly(
            "scanflow-dedupe-stream", "scanflow-attribution-stream", "scanflow-reports-sink");
    JsonNode sink = pipeline.at("/stages/2");
    assertThat(sink.get("status").asText()).isEqualTo("ok");
    assertThat(sink.get("lag").asLong()).isZero();
    assertThat(pipeline.at("/stages/0/status").asText()).isEqualTo("no_offsets");
    assertThat(pipeline.at("/end_to_end_latency/events").asLong()).isPositive();
    assertThat(pipeline.at("/end_to_end_latency/p99_ms").asLong())
        .isGreaterThanOrEqualTo(pipeline.at("/end_to_end_latency/p50_ms").asLong())
        .isNotNegative();
  }

  @Test
  void shouldAnswerBadParametersWith400AndUnknownSitesWith404AsJson() {
    String[][] cases = {
      {"/api/sites/" + site + "/summary?from=26-11-2026", "400"},
      {"/api/sites/" + site + "/summary?from=2026-03-02&to=2026-03-01", "400"},
      {"/api/sites/" + site + "/events?limit=0", "400"},
      {"/api/sites/" + site + "/events?limit=many", "400"},
      {"/api/sites/no-such-site/summary", "404"},
      {"/api/sites/no-such-site/events", "404"},
    };
    for (String[] c : cases) {
      var response = ReportsApi.asAdmin(c[0]);
      assertThat(response.statusCode()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
      assertThat(ReportsApi.read(response.asString()).get("detail").asText()).as(c[0]).isNotBlank();
    }
  }

  @Test
  void shouldCountEventsUnderTheSitesLocalDayAcrossTheSpringDaylightSavingChange() {
    publisher.site(new TrackingSite(site, "Berlin", 30, Instant.now(), "Europe/Berlin"));
    SinkProgress.awaitCaughtUp(kafka);
    AttributedEvent halfPastMidnight =
        anEvent(site).at(Instant.parse("2026-03-28T23:30:00Z")).build();
    publisher.attributed(
        halfPastMidnight, // 00:30 CET on the 29th
        anEvent(site).at(Instant.parse("2026-03-29T21:30:00Z")).build(), // 23:30 CEST on the 29th
        anEvent(site).at(Instant.parse("2026-03-29T22:00:00Z")).build()); // 00:00 CEST on the 30th
    publisher.duplicates(duplicateOf(halfPastMidnight));
    SinkProgress.awaitCaughtUp(kafka);

    JsonNode day = json("/api/sites/" + site + "/summary?from=2026-03-29&to=2026-03-29");
    assertThat(day.get("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(day.get("from").asText()).isEqualTo("2026-03-29");
    assertThat(day.get("events").asLong()).isEqualTo(2);
    assertThat(day.get("duplicates").asLong()).isEqualTo(1);
    JsonNode days = json("/api/sites/" + site + "/summary?from=2026-03-28&to=2026-03-30");
    assertThat(days.get("by_day").findValuesAsText("day"))
        .containsExactly("2026-03-28", "2026-03-29", "2026-03-30");
    assertThat(days.get("by_day").findValuesAsText("events")).containsExactly("0", "2", "1");
    assertThat(json("/api/sites").findValues("time_zone").stream().map(JsonNode::asText))
        .contains("Europe/Berlin");
  }

  @Test
  void shouldApplyAChangedTimeZoneToEventsCountedFromThenOnOnly() {
    Instant instant = Instant.parse("2026-10-24T22:30:00Z"); // 22:30 UTC, 00:30 CEST on the 25th
    publisher.attributed(anEvent(site).at(instant).build());
    SinkProgress.awaitCaughtUp(kafka);

    publisher.site(new TrackingSite(site, "Berlin", 30, Instant.now(), "Europe/Berlin"));
    SinkProgress.awaitCaughtUp(kafka);
    publisher.attributed(anEvent(site).at(instant).build());
    SinkProgress.awaitCaughtUp(kafka);

    JsonNode days = json("/api/sites/" + site + "/summary?from=2026-10-24&to=2026-10-25");
    assertThat(days.get("by_day").findValuesAsText("events")).containsExactly("1", "1");
  }

  private JsonNode awaitSummary(java.util.function.Predicate<JsonNode> done) {
    await().atMost(Duration.ofSeconds(30)).until(() -> done.test(json(summaryPath())));
    return json(summaryPath());
  }

  private String summaryPath() {
    return "/api/sites/" + site + "/summary";
  }

  private static String text(byte[] bytes) {
    return bytes == null ? null : new String(bytes, StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : text(header.value());
  }

  private static BigDecimal money(JsonNode values, String currency) {
    for (JsonNode value : values) {
      if (value.get("currency").asText().equals(currency)) {
        return value.get("amount").decimalValue();
      }
    }
    throw new AssertionError("no " + currency + " in " + values);
  }
}
