package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.devstack.StackInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The product's verification guide, step by step: a test event with a known event_id is accepted,
 * shows up in the reports API, and its resend is accepted again but counted as a duplicate only.
 */
@ExtendWith(RunningStack.class)
class FirstTestEventIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private final StackInfo stack;
  private final ScanflowClient client;

  FirstTestEventIT(StackInfo stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack);
  }

  @Test
  void shouldCountTestEventOnceAndMarkItsResendAsDuplicate() {
    // given a fresh site, so that its counts are this test's alone
    var site = client.createSite("Verification guide shop");
    String eventId = "test-" + UUID.randomUUID();
    Map<String, Object> event =
        Map.of(
            "site_id", site.getKey(),
            "event_name", "purchase",
            "event_id", eventId,
            "scan_session_id", UUID.randomUUID().toString(),
            "conversion_value", Map.of("amount", 49.90, "currency", "EUR"));

    // when the test event is sent
    var accepted = client.postEvent(site.getValue(), event);

    // then it is accepted with its id, and reaches the reports
    assertThat(accepted.status()).isEqualTo(200);
    assertThat(accepted.body().path("event_id").asText()).isEqualTo(eventId);
    assertThat(accepted.body().path("status").asText()).isEqualTo("accepted");
    JsonNode trace = awaitTrace(site.getKey(), eventId);
    assertThat(trace.path("event_name").asText()).isEqualTo("purchase");
    assertThat(trace.path("duplicates")).isEmpty();
    assertThat(summary(site.getKey()).path("events").asLong()).isEqualTo(1);

    // when it is sent again
    var resent = client.postEvent(site.getValue(), event);

    // then the resend is accepted as well, marked duplicate, and no count moves but "duplicates"
    assertThat(resent.status()).isEqualTo(200);
    assertThat(resent.body().path("event_id").asText()).isEqualTo(eventId);
    await()
        .atMost(VISIBLE_WITHIN)
        .untilAsserted(
            () -> assertThat(awaitTrace(site.getKey(), eventId).path("duplicates")).hasSize(1));
    JsonNode summary = summary(site.getKey());
    assertThat(summary.path("events").asLong()).isEqualTo(1);
    assertThat(summary.path("duplicates").asLong()).isEqualTo(1);
    assertThat(summary.path("conversion_value").findValuesAsText("amount"))
        .singleElement()
        .satisfies(
            amount -> assertThat(new java.math.BigDecimal(amount)).isEqualByComparingTo("49.90"));
    JsonNode receipts = client.reports("/api/sites/" + site.getKey() + "/events").body();
    List<String> statuses = new ArrayList<>();
    receipts.forEach(receipt -> statuses.add(receipt.path("status").asText()));
    assertThat(statuses).containsExactlyInAnyOrder("counted", "duplicate");
  }

  private JsonNode awaitTrace(String siteId, String eventId) {
    return await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> client.reports("/api/sites/" + siteId + "/events/" + eventId),
            ScanflowClient.Answer::isStored)
        .body();
  }

  private JsonNode summary(String siteId) {
    var answer = client.reports("/api/sites/" + siteId + "/summary");
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }
}
