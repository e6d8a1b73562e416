package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * 503 instead of a 200 for an event that was not durably written (§2), and instead of a 403 for a
 * key the registry cannot check (§1), with this profile's own broker, which the test stops.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@TestProfile(BrokerOutageIT.ShortPublishTimeout.class)
class BrokerOutageIT {
  @InjectKafka KafkaTestCluster kafka;

  /** A one-second publish timeout and a short registry staleness: the outage shows quickly. */
  public static class ShortPublishTimeout implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "scanflow.publish.timeout", "1s",
          "scanflow.publish.retry-after-seconds", "2",
          "scanflow.registry.max-staleness", "2s",
          // Far fewer workers than requests in flight below: none may wait on one for Kafka.
          "quarkus.thread-pool.max-threads", String.valueOf(WORKERS));
    }
  }

  private static final String UNKNOWN_KEY = "sf_live_" + "u".repeat(32);
  private static final int WORKERS = 4;

  @TestHTTPResource("/server-events")
  URI serverEvents;

  private static Response postWithUnknownKey() {
    return given().header("X-API-Key", UNKNOWN_KEY).body(utf8("{}")).post("/server-events");
  }

  /**
   * 16 times as many requests in flight as there are worker threads: a worker held per request
   * until the 1 s deadline would take 16 s for them all; without, they end together near 1 s.
   */
  private void assertConcurrentRequestsAllAnswered503InTime(SiteWithKey site, String event)
      throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpRequest request =
        HttpRequest.newBuilder(serverEvents)
            .header("X-API-Key", site.key())
            .POST(HttpRequest.BodyPublishers.ofString(event))
            .build();
    long start = System.nanoTime();
    List<CompletableFuture<HttpResponse<String>>> inFlight =
        IntStream.range(0, 16 * WORKERS)
            .mapToObj(i -> client.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
            .toList();
    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(inFlight).allSatisfy(answer -> assertThat(answer.get().statusCode()).isEqualTo(503));
    assertThat(took).isLessThan(Duration.ofSeconds(8));
  }

  @Test
  void shouldAnswer503WithRetryAfterWhenTheBrokerIsGone() throws Exception {
    SiteWithKey site = Sites.newSite();
    String event = anEvent().with("site_id", site.siteId()).text();
    given()
        .header("X-API-Key", site.key())
        .body(utf8(event))
        .post("/server-events")
        .then()
        .statusCode(200);
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(() -> postWithUnknownKey().then().statusCode(403));

    kafka.close();

    long start = System.nanoTime();
    Response single =
        given().header("X-API-Key", site.key()).body(utf8(event)).post("/server-events");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    single
        .then()
        .statusCode(503)
        .header("Retry-After", "2")
        .header("RateLimit-Limit", "1000")
        .body("detail", equalTo("Event store unavailable, retry later"));
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    assertConcurrentRequestsAllAnswered503InTime(site, event);
    String fullBatch = "{\"events\": [" + String.join(", ", Collections.nCopies(500, event)) + "]}";
    start = System.nanoTime();
    Response batch =
        given().header("X-API-Key", site.key()).body(utf8(fullBatch)).post("/server-events/batch");
    took = Duration.ofNanos(System.nanoTime() - start);
    batch.then().statusCode(503).body("detail", equalTo("Event store unavailable, retry later"));
    assertThat(took).isLessThan(Duration.ofSeconds(5));
    given()
        .header("X-API-Key", site.key())
        .body(utf8("{\"site_id\": \"" + site.siteId() + "\", \"qr_code_id\": \"q\"}"))
        .post("/scan-sessions")
        .then()
        .statusCode(503);
    given()
        .header("Authorization", Sites.ADMIN)
        .post("/admin/sites/" + site.siteId() + "/api-keys")
        .then()
        .statusCode(503)
        .header("Retry-After", "2");
    await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                given()
                    .get("/q/health/ready")
                    .then()
                    .statusCode(503)
                    .body("checks.find { it.name == 'key-registry' }.status", equalTo("DOWN")));
    // The registry cannot read revocations or new keys now: an unknown key is not called invalid.
    postWithUnknownKey()
        .then()
        .statusCode(503)
        .header("Retry-After", "2")
        .body("detail", equalTo("API key registry is catching up, retry later"));
  }
}
