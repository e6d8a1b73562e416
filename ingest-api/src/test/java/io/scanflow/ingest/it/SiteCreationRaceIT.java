package io.scanflow.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import io.scanflow.ingest.admin.SiteClaims;
import io.scanflow.ingest.admin.SiteClaims.Claim;
import io.scanflow.ingest.publish.EventPublisher;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Site creation is atomic across ingest-api instances ({@link SiteClaims}): of two concurrent
 * creates of one site_id, exactly one is answered 201, the other 409, and every instance then lists
 * the winner's site with the winner's single key.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class SiteCreationRaceIT {
  private static final int ROUNDS = 5;
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  @InjectKafka KafkaTestCluster kafka;

  @TestHTTPResource("/")
  URI here;

  @ConfigProperty(name = "scanflow.admin-token")
  String adminToken;

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
  private final ExecutorService racers = Executors.newFixedThreadPool(2);

  @AfterEach
  void stopRacers() {
    racers.shutdownNow();
  }

  @Test
  void shouldLetExactlyOneOfTwoInstancesWinEveryClaim() throws Exception {
    Map<String, Object> kafkaConfig = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (EventPublisher publisherA = new EventPublisher(kafkaConfig, TIMEOUT);
        EventPublisher publisherB = new EventPublisher(kafkaConfig, TIMEOUT)) {
      SiteClaims instanceA = new SiteClaims(publisherA, kafkaConfig, TIMEOUT);
      SiteClaims instanceB = new SiteClaims(publisherB, kafkaConfig, TIMEOUT);

      for (int round = 0; round < ROUNDS; round++) {
        String siteId = newSiteId();
        List<Claim> claims =
            race(
                () -> instanceA.claim(site(siteId, "A")), () -> instanceB.claim(site(siteId, "B")));

        assertThat(claims).filteredOn(Claim::won).as("round %d", round).hasSize(1);
        TrackingSite winner =
            claims.stream().filter(Claim::won).findFirst().orElseThrow().winner().orElseThrow();
        assertThat(claims).allSatisfy(claim -> assertThat(claim.winner()).contains(winner));
        assertThat(instanceA.claim(site(siteId, "late")).won()).as("a later claim").isFalse();
      }
    }
  }

  @Test
  void shouldAnswerOne201AndOne409ToTwoConcurrentCreatesOnOneInstance() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String siteId = newSiteId();
      List<HttpResponse<String>> answers =
          race(() -> create(here, siteId, "first"), () -> create(here, siteId, "second"));

      String winner = nameOfTheOnly201(answers, round);
      assertListedWithOneKey(here, siteId, winner);
    }
  }

  @Test
  void shouldAnswerOne201AndOne409AcrossTwoIngestApiProcesses() throws Exception {
    try (SecondIngestApi there =
        SecondIngestApi.start("second-ingest-api", kafka.bootstrapServers(), adminToken)) {
      for (int round = 0; round < ROUNDS; round++) {
        String siteId = newSiteId();
        List<HttpResponse<String>> answers =
            race(() -> create(here, siteId, "here"), () -> create(there.base(), siteId, "there"));

        String winner = nameOfTheOnly201(answers, round);
        assertListedWithOneKey(here, siteId, winner);
        assertListedWithOneKey(there.base(), siteId, winner);
      }
    }
  }

  @Test
  void shouldCreateTheSiteOfAClaimWhoseCreatorDiedBeforeWritingIt() throws Exception {
    String siteId = newSiteId();
    Map<String, Object> kafkaConfig = Map.of("bootstrap.servers", kafka.bootstrapServers());
    try (EventPublisher died = new EventPublisher(kafkaConfig, TIMEOUT)) {
      died.write(Topics.SITE_CLAIMS, siteId, site(siteId, "Claimed first"));
    }

    assertThat(create(here, siteId, "Second try").statusCode()).isEqualTo(409);

    JsonNode listed = listed(here, siteId);
    assertThat(listed.get("name").asText()).isEqualTo("Claimed first");
    assertThat(listed.get("api_keys")).isEmpty();
  }

  private String nameOfTheOnly201(List<HttpResponse<String>> answers, int round) throws Exception {
    assertThat(answers)
        .as("round %d: %s", round, answers.stream().map(HttpResponse::body).toList())
        .extracting(HttpResponse::statusCode)
        .containsExactlyInAnyOrder(201, 409);
    HttpResponse<String> created =
        answers.stream().filter(answer -> answer.statusCode() == 201).findFirst().orElseThrow();
    return ContractJson.mapper().readTree(created.body()).get("name").asText();
  }

  private void assertListedWithOneKey(URI instance, String siteId, String name) throws Exception {
    JsonNode site = listed(instance, siteId);
    assertThat(site.get("name").asText()).as("listed by %s", instance).isEqualTo(name);
    assertThat(site.get("api_keys")).as("keys listed by %s", instance).hasSize(1);
  }

  private JsonNode listed(URI instance, String siteId) throws Exception {
    HttpResponse<String> list =
        http.send(
            HttpRequest.newBuilder(instance.resolve("/admin/sites"))
                .header("Authorization", "Bearer " + adminToken)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(list.statusCode()).isEqualTo(200);
    for (JsonNode site : ContractJson.mapper().readTree(list.body())) {
      if (site.get("site_id").asText().equals(siteId)) {
        return site;
      }
    }
    throw new AssertionError(siteId + " not listed by " + instance + ": " + list.body());
  }

  private HttpResponse<String> create(URI instance, String siteId, String name) throws Exception {
    String body = "{\"name\": \"" + name + "\", \"site_id\": \"" + siteId + "\"}";
    return http.send(
        HttpRequest.newBuilder(instance.resolve("/admin/sites"))
            .header("Authorization", "Bearer " + adminToken)
            .timeout(Duration.ofSeconds(30))
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** Runs both at once, released together, and returns their results in order. */
  private <T> List<T> race(Callable<T> one, Callable<T> other) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    Future<T> first = racers.submit(released(start, one));
    Future<T> second = racers.submit(released(start, other));
    start.countDown();
    return List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS));
  }

  private static <T> Callable<T> released(CountDownLatch start, Callable<T> task) {
    return () -> {
      start.await();
      return task.call();
    };
  }

  private static TrackingSite site(String siteId, String name) {
    return new TrackingSite(siteId, name, 30, Instant.now().truncatedTo(ChronoUnit.MILLIS));
  }

  private static String newSiteId() {
    return "race-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
