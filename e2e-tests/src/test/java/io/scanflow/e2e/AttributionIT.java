package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.devstack.StackInfo;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A scan session reported through /scan-sessions attributes the event that carries its id. */
@ExtendWith(RunningStack.class)
class AttributionIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private final StackInfo stack;
  private final ScanflowClient client;

  AttributionIT(StackInfo stack) {
    this.stack = stack;
    this.client = new ScanflowClient(stack);
  }

  @Test
  void shouldAttributeEventToTheQrCodeOfItsScanSession() {
    String siteId = stack.demo().siteId();
    String key = stack.demo().apiKey();
    String session = UUID.randomUUID().toString();
    var scanned =
        client.postScanSession(
            key,
            Map.of(
                "site_id",
                siteId,
                "scan_session_id",
                session,
                "qr_code_id",
                "poster-42",
                "campaign",
                "e2e"));
    assertThat(scanned.status()).isEqualTo(200);
    assertThat(scanned.body().path("scan_session_id").asText()).isEqualTo(session);

    String eventId = UUID.randomUUID().toString();
    var accepted =
        client.postEvent(
            key,
            Map.of(
                "site_id",
                siteId,
                "event_name",
                "signup",
                "event_id",
                eventId,
                // upper case on purpose: ingest normalises session ids
                "scan_session_id",
                session.toUpperCase()));
    assertThat(accepted.status()).isEqualTo(200);

    JsonNode attribution = awaitTrace(siteId, eventId).path("attribution");
    assertThat(attribution.path("status").asText()).isEqualTo("attributed");
    assertThat(attribution.path("qr_code_id").asText()).isEqualTo("poster-42");
    assertThat(attribution.path("campaign").asText()).isEqualTo("e2e");
  }

  @Test
  void shouldShowEventOfUnknownSessionAsUnattributedWithItsReason() {
    String siteId = stack.demo().siteId();
    String eventId = UUID.randomUUID().toString();
    var accepted =
        client.postEvent(
            stack.demo().apiKey(),
            Map.of(
                "site_id",
                siteId,
                "event_name",
                "signup",
                "event_id",
                eventId,
                "scan_session_id",
                UUID.randomUUID().toString()));
    assertThat(accepted.status()).isEqualTo(200);

    // released after the stack's pending timeout (RunningStack.PENDING_TIMEOUT)
    JsonNode attribution = awaitTrace(siteId, eventId).path("attribution");
    assertThat(attribution.path("status").asText()).isEqualTo("unattributed");
    assertThat(attribution.path("reason").asText()).isEqualTo("session_not_found");
  }

  private JsonNode awaitTrace(String siteId, String eventId) {
    return await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> client.reports("/api/sites/" + siteId + "/events/" + eventId),
            ScanflowClient.Answer::isStored)
        .body();
  }
}
