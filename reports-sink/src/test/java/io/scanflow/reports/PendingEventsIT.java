package io.scanflow.reports;

import static io.scanflow.reports.ReportsApi.json;
import static io.scanflow.reports.TestEvents.anEvent;
import static io.scanflow.reports.TestEvents.pendingOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Pending is visible (pipeline.md section 3): a pending record shows in the live list and the
 * trace, is never counted, and its final record replaces it whatever order the two arrive in.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class PendingEventsIT {
  private static final Instant UNTIL = Instant.now().plusSeconds(60).truncatedTo(ChronoUnit.MILLIS);

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
  void shouldShowAPendingEventUncountedAndCountItOnceWhenItsFinalRecordReplacesIt()
      throws Exception {
    AttributedEvent last =
        anEvent(site)
            .withValue("12.00", "EUR")
            .unattributed(UnattributedReason.SESSION_NOT_FOUND)
            .build();
    AttributedEvent counted = anEvent(site).build();
    publisher.attributed(pendingOf(last, UNTIL), counted);
    SinkProgress.awaitCaughtUp(kafka);

    JsonNode trace = json(tracePath(last));
    assertThat(trace.get("stage").asText()).isEqualTo("pending");
    assertThat(trace.get("pending_until").asText()).isEqualTo(UNTIL.toString());
    assertThat(trace.at("/attribution/status").asText()).isEqualTo("pending");
    assertThat(trace.get("attributed_at").isNull()).isTrue();
    assertThat(statuses()).containsExactlyInAnyOrder("pending", "counted");
    assertThat(receipt(last).get("pending_until").asText()).isEqualTo(UNTIL.toString());
    assertCounts(1, 0, 0);

    publisher.attributed(last);
    SinkProgress.awaitCaughtUp(kafka);

    trace = json(tracePath(last));
    assertThat(trace.get("stage").asText()).isEqualTo("stored");
    assertThat(trace.get("pending_until").isNull()).isTrue();
    assertThat(trace.at("/attribution/reason").asText()).isEqualTo("session_not_found");
    assertThat(statuses()).containsExactlyInAnyOrder("counted", "counted");
    assertCounts(2, 1, 12);
    assertThat(pendingRows()).isZero();
  }

  @Test
  void shouldNeverResurrectAPendingRowWhenTheFinalRecordCameFirst() throws Exception {
    AttributedEvent last = anEvent(site).unattributed(UnattributedReason.SESSION_NOT_FOUND).build();
    publisher.attributed(last);
    SinkProgress.awaitCaughtUp(kafka);
    List<String> before = TableSnapshot.of(database, site);

    // a replay or redelivery: the pending record again after its final record, alone and in a
    // batch with the final record itself
    publisher.attributed(pendingOf(last, UNTIL));
    publisher.attributed(pendingOf(last, UNTIL), last, pendingOf(last, UNTIL));
    SinkProgress.awaitCaughtUp(kafka);

    assertThat(TableSnapshot.of(database, site)).isEqualTo(before);
    assertThat(json(tracePath(last)).get("stage").asText()).isEqualTo("stored");
    assertThat(statuses()).containsExactly("counted");
    assertCounts(1, 1, 0);
  }

  @Test
  void shouldKeepOnePendingRowWhenThePendingRecordComesTwice() throws Exception {
    AttributedEvent last = anEvent(site).build();
    Instant later = UNTIL.plusSeconds(5);
    publisher.attributed(pendingOf(last, UNTIL));
    publisher.attributed(pendingOf(last, UNTIL), pendingOf(last, later));
    SinkProgress.awaitCaughtUp(kafka);

    assertThat(pendingRows()).isEqualTo(1);
    assertThat(statuses()).containsExactly("pending");
    assertThat(json(tracePath(last)).get("pending_until").asText()).isEqualTo(later.toString());
    assertCounts(0, 0, 0);
  }

  private void assertCounts(long events, long unattributed, long eur) {
    JsonNode summary = json("/api/sites/" + site + "/summary");
    assertThat(summary.get("events").asLong()).isEqualTo(events);
    assertThat(summary.get("unattributed").asLong()).isEqualTo(unattributed);
    assertThat(summary.get("attributed").asLong()).isEqualTo(events - unattributed);
    assertThat(summary.get("duplicates").asLong()).isZero();
    long sumOfDays = 0;
    for (JsonNode day : summary.get("by_day")) {
      sumOfDays += day.get("events").asLong();
    }
    assertThat(sumOfDays).as("pending rows are in no aggregate").isEqualTo(events);
    long euros =
        summary.get("conversion_value").findValues("amount").stream()
            .mapToLong(JsonNode::asLong)
            .sum();
    assertThat(euros).isEqualTo(eur);
  }

  private List<String> statuses() {
    List<String> statuses = new ArrayList<>();
    json("/api/sites/" + site + "/events").forEach(r -> statuses.add(r.get("status").asText()));
    return statuses;
  }

  private JsonNode receipt(AttributedEvent event) {
    for (JsonNode receipt : json("/api/sites/" + site + "/events")) {
      if (receipt.get("event_id").asText().equals(event.event().eventId())) {
        return receipt;
      }
    }
    throw new AssertionError("no receipt of " + event.event().eventId());
  }

  private long pendingRows() throws Exception {
    return TableSnapshot.of(database, site).stream()
        .filter(row -> row.startsWith("pending_events"))
        .count();
  }

  private String tracePath(AttributedEvent event) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(
            () ->
                ReportsApi.asAdmin("/api/sites/" + site + "/events/" + event.event().eventId())
                        .statusCode()
                    == 200);
    return "/api/sites/" + site + "/events/" + event.event().eventId();
  }
}
