package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.contract.EventKey;
import io.scanflow.contract.Topics;
import io.scanflow.e2e.ComposeDeployment.Deployment;
import io.scanflow.e2e.OperatorViews.Warnings;
import java.time.Duration;
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
  private final VerificationGuide guide;

  ComposeDeploymentIT(Deployment deployment) {
    this.deployment = deployment;
    this.client = new ScanflowClient(deployment.info());
    this.guide = new VerificationGuide(client, VISIBLE_WITHIN);
  }

  @Test
  void shouldCountTheFirstEventOnceAndItsResendAsADuplicate() {
    guide.firstTestEventIsCountedOnceAndItsResendAsDuplicate();
  }

  /** The deployment's pending timeout is {@link ComposeDeployment#PENDING_TIMEOUT}. */
  @Test
  void shouldShowAnEventOfAnUnknownSessionAsPendingBeforeItIsReleasedAsUnattributed() {
    guide.unknownSessionIsPendingBeforeItIsReleasedAsUnattributed();
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
}
