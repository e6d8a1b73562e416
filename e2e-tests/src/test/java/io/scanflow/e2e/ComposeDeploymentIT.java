package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.EventKey;
import io.scanflow.contract.Topics;
import io.scanflow.e2e.ComposeDeployment.Deployment;
import io.scanflow.e2e.OperatorViews.Warnings;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The production deployment, docker-compose.yml with the images built from this checkout, walked
 * through the verification guide's essentials: an event reaches the reports and its resend counts
 * as a duplicate only, an event of an unknown session is pending before it is released as
 * unattributed, and a record no stage can read is dead-lettered and shown to the site's operator.
 * Runs where there is a Docker engine (see {@link DockerEngine}); docs/deploy.md has the command.
 */
@ExtendWith({DockerEngine.class, ComposeDeployment.class})
class ComposeDeploymentIT {
  /**
   * Kafka with replication factor 3 and transactions in three containers: slower than in-process.
   */
  private static final Duration VISIBLE_WITHIN = Duration.ofSeconds(60);

  private final Deployment deployment;
  private final ScanflowClient client;

  ComposeDeploymentIT(Deployment deployment) {
    this.deployment = deployment;
    this.client = new ScanflowClient(deployment.info());
  }

  @Test
  void shouldCountTheFirstEventOnceAndItsResendAsADuplicate() {
    var site = client.createSite("Compose verification shop");
    String eventId = "test-" + UUID.randomUUID();
    Map<String, Object> event =
        Map.of(
            "site_id", site.getKey(),
            "event_name", "purchase",
            "event_id", eventId,
            "scan_session_id", UUID.randomUUID().toString(),
            "conversion_value", Map.of("amount", 49.90, "currency", "EUR"));

    assertThat(client.postEvent(site.getValue(), event).status()).isEqualTo(200);
    assertThat(storedTrace(site.getKey(), eventId).path("duplicates")).isEmpty();

    assertThat(client.postEvent(site.getValue(), event).status()).isEqualTo(200);
    await()
        .atMost(VISIBLE_WITHIN)
        .untilAsserted(
            () -> assertThat(storedTrace(site.getKey(), eventId).path("duplicates")).hasSize(1));
    JsonNode summary = client.reports("/api/sites/" + site.getKey() + "/summary").body();
    assertThat(summary.path("events").asLong()).isEqualTo(1);
    assertThat(summary.path("duplicates").asLong()).isEqualTo(1);
  }

  @Test
  void shouldShowAnEventOfAnUnknownSessionAsPendingUntilItIsReleasedAsUnattributed() {
    var site = client.createSite("Compose pending shop");
    String eventId = "pending-" + UUID.randomUUID();
    String path = "/api/sites/" + site.getKey() + "/events/" + eventId;
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
                UUID.randomUUID().toString()));
    assertThat(accepted.status()).isEqualTo(200);

    // the deployment's pending timeout is ComposeDeployment.PENDING_TIMEOUT (3 s)
    JsonNode first =
        await()
            .atMost(VISIBLE_WITHIN)
            .pollInterval(Duration.ofMillis(50))
            .until(
                () -> client.siteReports(site.getValue(), path), answer -> answer.status() == 200)
            .body();
    assertThat(first.path("stage").asText()).as("first seen %s", first).isEqualTo("pending");

    JsonNode stored =
        await()
            .atMost(VISIBLE_WITHIN)
            .pollInterval(Duration.ofMillis(200))
            .until(() -> client.siteReports(site.getValue(), path), ScanflowClient.Answer::isStored)
            .body();
    assertThat(stored.path("attribution").path("status").asText()).isEqualTo("unattributed");
    assertThat(stored.path("attribution").path("reason").asText()).isEqualTo("session_not_found");
  }

  @Test
  void shouldDeadLetterAnUnreadableRecordAndListItInTheSitesWarnings() {
    var site = client.createSite("Compose poison shop");
    String marker = "poison-" + UUID.randomUUID();

    deployment.produce(
        Topics.SERVER_EVENTS.name(), EventKey.of(site.getKey(), marker), "{not json " + marker);

    await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(500))
        .untilAsserted(
            () -> {
              var answer =
                  client.siteReports(site.getValue(), "/api/sites/" + site.getKey() + "/warnings");
              assertThat(answer.status()).as("GET warnings, body %s", answer.body()).isEqualTo(200);
              Warnings warnings = OperatorViews.warnings(answer.body());
              assertThat(warnings.counts24h()).isEqualTo(1);
              assertThat(warnings.recent())
                  .singleElement()
                  .satisfies(
                      warning -> {
                        assertThat(warning.stage()).isEqualTo(TopicPoison.DEDUPE);
                        assertThat(warning.eventId()).isEqualTo(marker);
                      });
            });
  }

  /** The event's trace once it is final and counted. */
  private JsonNode storedTrace(String siteId, String eventId) {
    return await()
        .atMost(VISIBLE_WITHIN)
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> client.reports("/api/sites/" + siteId + "/events/" + eventId),
            ScanflowClient.Answer::isStored)
        .body();
  }
}
