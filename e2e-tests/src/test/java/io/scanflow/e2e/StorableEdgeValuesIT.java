package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.devstack.StackInfo;
import io.scanflow.e2e.DeadLetterLog.DeadLetter;
import io.scanflow.e2e.EdgeEvent.EdgeSession;
import io.scanflow.e2e.OperatorViews.Warnings;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * "What ingest accepts, the tables can hold" (http-api.md §2): a corpus of accepted edge values —
 * long unicode, emoji, RTL text, combining marks, max-length ids, the largest and smallest amounts,
 * deep and big properties, every currency, event times at the window's edges — goes through ingest,
 * both streams and the sink into PostgreSQL, and every value comes back out of the reports exactly.
 */
@ExtendWith(RunningStack.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StorableEdgeValuesIT {
  private static final Duration COUNTED_WITHIN = Duration.ofSeconds(30);
  private static final int MAX_SITE_ID = 64;
  private static final int MAX_BATCH = 500;

  private final StackInfo stack;
  private final ScanflowClient client;
  private Map.Entry<String, String> site;
  private Instant now;

  /** Every accepted event by the event_id ingest answered with. */
  private final Map<String, EdgeEvent> accepted = new LinkedHashMap<>();

  StorableEdgeValuesIT(StackInfo stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack);
  }

  @BeforeAll
  void givenEveryEdgeValueAcceptedByIngest() {
    String siteId =
        EdgeText.exactly(MAX_SITE_ID, "Edge.values_" + UUID.randomUUID() + "_", "z9._-");
    site = client.createSite("Edge values shop", siteId);
    assertThat(site.getKey()).isEqualTo(siteId);
    now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    EdgeSession recent =
        new EdgeSession(
            UUID.randomUUID().toString(),
            EdgeText.exactly(EdgeEvent.MAX_ID, "qr-", EdgeText.MIXED),
            // C1 controls are not among the refused ones (U+0000-U+001F, U+007F)
            EdgeText.exactly(EdgeEvent.MAX_ID, "c1\u0085\u009f ", EdgeText.HEBREW),
            null);
    EdgeSession old =
        new EdgeSession(
            UUID.randomUUID().toString(),
            EdgeText.exactly(EdgeEvent.MAX_ID, "old-", EdgeText.CJK),
            EdgeText.combining(EdgeEvent.MAX_ID),
            now.minus(Duration.ofDays(7).minusHours(1).plusMinutes(5)));
    report(recent);
    report(old);

    List<EdgeEvent> edges = EdgeEvent.corpus(site.getKey(), recent, old, now);
    // a few one by one, to cover that path too; the rest in batches (one request each)
    edges.subList(0, 3).forEach(this::sendAlone);
    sendInBatches(edges.subList(3, edges.size()));
    sendInBatches(EdgeEvent.everyCurrency(site.getKey(), recent));
  }

  @Test
  void shouldCountEveryAcceptedEventOnceAndSumEveryCurrencyExactly() {
    JsonNode summary = awaitAllCounted();

    assertThat(summary.path("duplicates").asLong()).isZero();
    Map<String, BigDecimal> sums = new TreeMap<>();
    summary
        .path("conversion_value")
        .forEach(
            value ->
                sums.put(
                    value.path("currency").asText(),
                    new BigDecimal(value.path("amount").asText())));
    Map<String, BigDecimal> expected = expectedSums();
    SoftAssertions soft = new SoftAssertions();
    soft.assertThat(sums.keySet()).isSubsetOf(expected.keySet());
    expected.forEach(
        (currency, amount) ->
            soft.assertThat(sums.getOrDefault(currency, BigDecimal.ZERO))
                .as("sum of %s", currency)
                .isEqualByComparingTo(amount));
    soft.assertAll();
  }

  @Test
  void shouldShowEveryAcceptedValueInItsTraceAsSent() {
    awaitAllCounted();

    SoftAssertions soft = new SoftAssertions();
    accepted.forEach(
        (eventId, event) -> {
          var answer = client.siteReports(site.getValue(), eventPath(eventId));
          soft.assertThat(answer.status())
              .as("trace of %s: %s", event, answer.body())
              .isEqualTo(200);
          if (answer.status() == 200) {
            assertTraceShows(soft, event, eventId, answer.body());
          }
        });
    soft.assertAll();
  }

  @Test
  void shouldDeadLetterNothingOfTheSite() {
    awaitAllCounted();

    try (DeadLetterLog log = new DeadLetterLog(stack.kafkaBootstrap())) {
      List<DeadLetter> ofSite =
          log.all().stream().filter(letter -> site.getKey().equals(letter.siteId())).toList();
      assertThat(ofSite).isEmpty();
    }
    var answer = client.siteReports(site.getValue(), "/api/sites/" + site.getKey() + "/warnings");
    assertThat(answer.status()).as("GET warnings, body %s", answer.body()).isEqualTo(200);
    Warnings warnings = OperatorViews.warnings(answer.body());
    assertThat(warnings.counts24h()).isZero();
    assertThat(warnings.recent()).isEmpty();
  }

  private void report(EdgeSession session) {
    ObjectNode body =
        ScanflowClient.JSON
            .createObjectNode()
            .put("site_id", site.getKey())
            .put("scan_session_id", session.id())
            .put("qr_code_id", session.qrCodeId())
            .put("campaign", session.campaign());
    if (session.scannedAt() != null) {
      body.put("scanned_at", session.scannedAt().toString());
    }
    var answer = client.postScanSession(site.getValue(), body);
    assertThat(answer.status()).as("scan session %s: %s", session, answer.body()).isEqualTo(200);
  }

  private void sendAlone(EdgeEvent event) {
    var answer = client.postEvent(site.getValue(), event.body());
    assertThat(answer.status()).as("%s: %s", event, answer.body()).isEqualTo(200);
    accepted.put(answer.body().path("event_id").asText(), event);
  }

  private void sendInBatches(List<EdgeEvent> events) {
    for (int from = 0; from < events.size(); from += MAX_BATCH) {
      List<EdgeEvent> batch = events.subList(from, Math.min(events.size(), from + MAX_BATCH));
      var answer = client.postBatch(site.getValue(), batch.stream().map(EdgeEvent::body).toList());
      assertThat(answer.status()).as("batch: %s", answer.body()).isEqualTo(200);
      List<String> rejected = new ArrayList<>();
      for (JsonNode result : answer.body().path("results")) {
        EdgeEvent event = batch.get(result.path("index").asInt());
        if ("accepted".equals(result.path("status").asText())) {
          accepted.put(result.path("event_id").asText(), event);
        } else {
          rejected.add(event + ": " + result.path("detail"));
        }
      }
      assertThat(rejected).as("rejected edge values").isEmpty();
    }
  }

  private JsonNode awaitAllCounted() {
    String path = "/api/sites/" + site.getKey() + "/summary?from=" + day(-8) + "&to=" + day(1);
    JsonNode summary =
        await()
            .atMost(COUNTED_WITHIN)
            .pollInterval(Duration.ofMillis(250))
            .until(
                () -> client.siteReports(site.getValue(), path),
                answer ->
                    answer.status() == 200
                        && answer.body().path("events").asLong() >= accepted.size())
            .body();
    assertThat(summary.path("events").asLong()).as("events counted").isEqualTo(accepted.size());
    return summary;
  }

  private Map<String, BigDecimal> expectedSums() {
    Map<String, BigDecimal> sums = new TreeMap<>();
    for (EdgeEvent event : accepted.values()) {
      JsonNode value = event.body().path("conversion_value");
      if (!value.isMissingNode()) {
        sums.merge(
            value.path("currency").asText(), value.path("amount").decimalValue(), BigDecimal::add);
      }
    }
    return sums;
  }

  private static void assertTraceShows(
      SoftAssertions soft, EdgeEvent event, String eventId, JsonNode trace) {
    ObjectNode sent = event.body();
    soft.assertThat(trace.path("event_id").asText()).as("%s event_id", event).isEqualTo(eventId);
    soft.assertThat(trace.path("event_name").asText())
        .as("%s event_name", event)
        .isEqualTo(sent.path("event_name").asText());
    if (sent.has("event_time")) {
      soft.assertThat(Instant.parse(trace.path("event_time").asText()))
          .as("%s event_time", event)
          .isEqualTo(Instant.parse(sent.path("event_time").asText()));
    }
    if (sent.has("conversion_value")) {
      JsonNode value = trace.path("conversion_value");
      soft.assertThat(value.path("currency").asText())
          .as("%s currency", event)
          .isEqualTo(sent.path("conversion_value").path("currency").asText());
      soft.assertThat(new BigDecimal(value.path("amount").asText()))
          .as("%s amount", event)
          .isEqualByComparingTo(sent.path("conversion_value").path("amount").decimalValue());
    }
    if (sent.has("properties")) {
      soft.assertThat(trace.path("properties").equals(NUMERICALLY, sent.path("properties")))
          .as(
              "%s properties: sent %s, stored %s",
              event, sent.path("properties"), trace.path("properties"))
          .isTrue();
    }
    JsonNode attribution = trace.path("attribution");
    if (event.attributed()) {
      soft.assertThat(attribution.path("status").asText())
          .as("%s status", event)
          .isEqualTo("attributed");
      soft.assertThat(attribution.path("qr_code_id").asText())
          .as("%s qr_code_id", event)
          .isEqualTo(event.session().qrCodeId());
      soft.assertThat(attribution.path("campaign").asText())
          .as("%s campaign", event)
          .isEqualTo(event.session().campaign());
    } else {
      soft.assertThat(attribution.path("status").asText())
          .as("%s status", event)
          .isEqualTo("unattributed");
      soft.assertThat(attribution.path("reason").asText())
          .as("%s reason", event)
          .isEqualTo(event.unattributedReason());
    }
  }

  /** JSON equality where numbers are equal by value (jsonb keeps the value, not the notation). */
  private static final Comparator<JsonNode> NUMERICALLY =
      (a, b) -> {
        if (a.isNumber() && b.isNumber()) {
          return a.decimalValue().compareTo(b.decimalValue());
        }
        return a.equals(b) ? 0 : 1;
      };

  private String eventPath(String eventId) {
    return "/api/sites/"
        + ScanflowClient.pathSegment(site.getKey())
        + "/events/"
        + ScanflowClient.pathSegment(eventId);
  }

  private LocalDate day(int offset) {
    return LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(offset);
  }
}
