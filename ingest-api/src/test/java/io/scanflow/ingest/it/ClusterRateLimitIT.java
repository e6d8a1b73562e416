package io.scanflow.ingest.it;

import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.scanflow.ingest.it.KeyFlood.Result;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer.OrderAnnotation;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The limit holds for a key across ingest-api instances (http-api.md §5), with this test's app and
 * a second ingest-api process on one broker; and a key revoked through one is refused by the other
 * within 5 s (§1). The limit is scaled to 600 per minute so that a flood of a few seconds shows it:
 * over the flood, the instances together may admit at most what one exact bucket would, plus 10 %
 * of the limit.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(ClusterRateLimitIT.SixHundredPerMinute.class)
@TestMethodOrder(OrderAnnotation.class)
class ClusterRateLimitIT {
  private static final int LIMIT = 600;
  private static final Duration FLOOD = Duration.ofSeconds(10);
  private static final Pattern PEERS =
      Pattern.compile("(?m)^scanflow_ingest_rate_limit_peers(?:\\{[^}]*\\})? ([0-9.]+)$");

  /** The second process is started once, after the single-instance test, and kept for the rest. */
  private static SecondIngestApi second;

  public static class SixHundredPerMinute implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("scanflow.rate-limit.requests-per-minute", Integer.toString(LIMIT));
    }
  }

  @InjectKafka KafkaTestCluster kafka;

  @TestHTTPResource("/")
  URI here;

  @ConfigProperty(name = "scanflow.admin-token")
  String adminToken;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @AfterAll
  static void stopSecondInstance() {
    if (second != null) {
      second.close();
    }
  }

  @Test
  @Order(1)
  void shouldAdmitExactlyWhatOneBucketAllowsOnASingleInstance() throws Exception {
    SiteWithKey site = Sites.newSite();

    Result flood = KeyFlood.run(List.of(here), site.key(), event(site), FLOOD);

    report("one instance", flood);
    assertThat(flood.admittedAtMost()).isLessThanOrEqualTo((long) flood.oneBucketAllows(LIMIT));
    assertThat(flood.admitted())
        .isGreaterThanOrEqualTo((long) Math.ceil(flood.oneBucketAdmitsAtLeast(LIMIT)));
  }

  @Test
  @Order(2)
  void shouldAdmitAtMostTheLimitPlusTenPercentAcrossTwoProcesses() throws Exception {
    URI there = secondInstance();
    SiteWithKey site = Sites.newSite();
    awaitKnownThere(there, site);

    Result flood = KeyFlood.run(List.of(here, there), site.key(), event(site), FLOOD);

    report("two instances", flood);
    double allows = flood.oneBucketAllows(LIMIT);
    assertThat(flood.admittedAtMost())
        .as("admitted by both together; one bucket allows %.0f", allows)
        .isLessThanOrEqualTo((long) (allows + LIMIT / 10));
    assertThat(flood.admitted())
        .as("admitted by both together: at least 90 %% of the bucket they start with")
        .isGreaterThanOrEqualTo((long) (0.9 * Math.min(flood.sent(), LIMIT)));
  }

  @Test
  @Order(3)
  void shouldRefuseOnTheSecondProcessWithin5SecondsAKeyRevokedThroughTheFirst() throws Exception {
    URI there = secondInstance();
    SiteWithKey site = Sites.newSite();
    await("key known there").atMost(Duration.ofSeconds(10)).until(() -> status(there, site) == 200);

    assertThat(admin("DELETE", here, "/admin/api-keys/" + site.keyId()).statusCode())
        .isEqualTo(204);
    long revoked = System.nanoTime();

    assertThat(status(here, site)).as("refused at once where it was revoked").isEqualTo(403);
    await("refused there")
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> status(there, site) == 403);
    System.out.printf(
        "Revocation reached the second process after %d ms%n",
        (System.nanoTime() - revoked) / 1_000_000);
  }

  private URI secondInstance() throws Exception {
    if (second == null) {
      second =
          SecondIngestApi.start(
              "cluster-ingest-api",
              kafka.bootstrapServers(),
              adminToken,
              Map.of("scanflow.rate-limit.requests-per-minute", Integer.toString(LIMIT)));
    }
    URI there = second.base();
    // Both must know of each other before the flood, as instances running for a while do.
    await("instances see each other")
        .atMost(Duration.ofSeconds(10))
        .until(() -> peers(here) >= 1 && peers(there) >= 1);
    return there;
  }

  /** Waits until the second instance lists the new key, without spending any of its tokens. */
  private void awaitKnownThere(URI there, SiteWithKey site) {
    await("key listed there")
        .atMost(Duration.ofSeconds(10))
        .until(() -> admin("GET", there, "/admin/sites").body().contains(site.keyId()));
  }

  private double peers(URI instance) throws Exception {
    String metrics =
        http.send(
                HttpRequest.newBuilder(instance.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Matcher peers = PEERS.matcher(metrics);
    return peers.find() ? Double.parseDouble(peers.group(1)) : 0;
  }

  private int status(URI instance, SiteWithKey site) throws Exception {
    return http.send(
            HttpRequest.newBuilder(instance.resolve("/server-events/validate"))
                .header("X-API-Key", site.key())
                .POST(HttpRequest.BodyPublishers.ofString(event(site)))
                .build(),
            HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  private HttpResponse<String> admin(String method, URI instance, String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(instance.resolve(path))
            .header("Authorization", "Bearer " + adminToken)
            .method(method, HttpRequest.BodyPublishers.noBody())
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String event(SiteWithKey site) {
    return anEvent().with("site_id", site.siteId()).text();
  }

  /** Prints the flood's figures, and fails if more than 1 % of its requests went unanswered. */
  private static void report(String setting, Result flood) {
    System.out.printf(
        "Rate limit, %s: %d of %d requests admitted in %d ms, %d unanswered (%s);"
            + " one bucket of %d/min allows %.1f%n",
        setting,
        flood.admitted(),
        flood.sent(),
        flood.longest().toMillis(),
        flood.unanswered(),
        flood.firstUnanswered(),
        LIMIT,
        flood.oneBucketAllows(LIMIT));
    assertThat(flood.unanswered())
        .as(
            "requests whose connection closed without an answer, first: %s",
            flood.firstUnanswered())
        .isLessThanOrEqualTo(flood.sent() / 100);
  }
}
