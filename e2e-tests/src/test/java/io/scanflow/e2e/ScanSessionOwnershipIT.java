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

/**
 * A scan session belongs to the site that registered it first: another site that posts the same
 * scan_session_id (it travels in landing-page URLs) cannot take the first site's conversions, and
 * sees its refused registration among its own warnings.
 */
@ExtendWith(RunningStack.class)
class ScanSessionOwnershipIT {
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(30);

  private final ScanflowClient client;

  ScanSessionOwnershipIT(StackInfo stack) {
    this.client = new ScanflowClient(stack);
  }

  @Test
  void shouldKeepTheSessionWithItsFirstSiteAndWarnTheSiteThatRegisteredItLater() {
    // given two shops, and a scan registered by shop A
    var siteA = client.createSite("Ownership shop A");
    var siteB = client.createSite("Ownership shop B");
    String session = UUID.randomUUID().toString();
    assertThat(register(siteA, session, "poster-a").status()).isEqualTo(200);

    // when shop B registers the same scan session id (ingest has no session state: it accepts)
    assertThat(register(siteB, session, "poster-b").status()).isEqualTo(200);
    // and both shops report a conversion naming it
    String eventOfA = sendConversion(siteA, session);
    String eventOfB = sendConversion(siteB, session);

    // then A's conversion is attributed to A's QR code, and B's is not B's
    JsonNode attributionOfA = awaitTrace(siteA, eventOfA).path("attribution");
    assertThat(attributionOfA.path("status").asText()).isEqualTo("attributed");
    assertThat(attributionOfA.path("qr_code_id").asText()).isEqualTo("poster-a");
    JsonNode attributionOfB = awaitTrace(siteB, eventOfB).path("attribution");
    assertThat(attributionOfB.path("status").asText()).isEqualTo("unattributed");
    assertThat(attributionOfB.path("reason").asText()).isEqualTo("site_mismatch");

    // and B, with its own key, sees why among its warnings; A has none
    JsonNode warning =
        await()
            .atMost(VISIBLE_WITHIN)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> warnings(siteB).path("recent").path(0), JsonNode::isObject);
    assertThat(warning.path("stage").asText()).isEqualTo("attribution-stream");
    assertThat(warning.path("error_message").asText())
        .startsWith("session_owned_by_other_site: scan session " + session)
        .doesNotContain(siteA.getKey());
    assertThat(warnings(siteA).path("counts_24h").asLong()).isZero();
  }

  private ScanflowClient.Answer register(
      Map.Entry<String, String> site, String session, String qrCode) {
    return client.postScanSession(
        site.getValue(),
        Map.of("site_id", site.getKey(), "scan_session_id", session, "qr_code_id", qrCode));
  }

  /** Sends a purchase naming the session; returns its event id. */
  private String sendConversion(Map.Entry<String, String> site, String session) {
    String eventId = UUID.randomUUID().toString();
    var accepted =
        client.postEvent(
            site.getValue(),
            Map.of(
                "site_id",
                site.getKey(),
                "event_name",
                "purchase",
                "event_id",
                eventId,
                "scan_session_id",
                session));
    assertThat(accepted.status()).isEqualTo(200);
    return eventId;
  }

  private JsonNode awaitTrace(Map.Entry<String, String> site, String eventId) {
    return await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () ->
                client.siteReports(
                    site.getValue(), "/api/sites/" + site.getKey() + "/events/" + eventId),
            ScanflowClient.Answer::isStored)
        .body();
  }

  private JsonNode warnings(Map.Entry<String, String> site) {
    var answer = client.siteReports(site.getValue(), "/api/sites/" + site.getKey() + "/warnings");
    assertThat(answer.status()).isEqualTo(200);
    return answer.body();
  }
}
