package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static io.scanflow.reports.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.reports.store.ReadPool;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reports API cannot be flooded: a per-caller rate limit, failed authentication limited per
 * client address, and a connection pool of its own, apart from the sink writer's.
 */
@QuarkusTest
@TestProfile(RateLimitIT.TwentyPerMinute.class)
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class RateLimitIT {
  private static final int LIMIT = 20;
  private static final String FLOODING_SITE = "flood-a-" + UUID.randomUUID();
  private static final String QUIET_SITE = "flood-b-" + UUID.randomUUID();
  private static final String FLOODING_KEY = newKey();
  private static final String QUIET_KEY = newKey();
  private static boolean published;

  /** A low limit, so that a flood is a few dozen requests. */
  public static class TwentyPerMinute implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("scanflow.reports.rate-limit.requests-per-minute", Integer.toString(LIMIT));
    }
  }

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  @Inject
  @DataSource(ReadPool.NAME)
  AgroalDataSource readPool;

  @BeforeEach
  void givenTwoSitesWithAKeyEach() {
    if (published) {
      return;
    }
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(FLOODING_SITE, "Flooding shop");
      publisher.site(QUIET_SITE, "Quiet shop");
      publisher.apiKey(FLOODING_KEY, FLOODING_SITE, null);
      publisher.apiKey(QUIET_KEY, QUIET_SITE, null);
    }
    SinkProgress.awaitCaughtUp(kafka);
    published = true;
  }

  @Test
  void shouldAnswer429ToAFloodFromOneKeyWhileAnotherSitesKeyStillGets200() {
    awaitKnown(FLOODING_KEY, FLOODING_SITE);
    awaitKnown(QUIET_KEY, QUIET_SITE);

    long started = System.nanoTime();
    List<Response> flood = send(LIMIT + 5, () -> withKey(FLOODING_KEY, FLOODING_SITE));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    Response refused = firstWithStatus(flood, 429);
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(Integer.parseInt(refused.header("Retry-After"))).isBetween(1, 60 / LIMIT + 1);
    assertThat(refused.header("RateLimit-Limit")).isEqualTo(Integer.toString(LIMIT));
    assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
    assertThat(ReportsApi.read(refused.asString()).get("detail").asText())
        .isEqualTo("Rate limit exceeded: 20 requests per minute per caller");
    // the bucket holds LIMIT and refills one token every 60 s / LIMIT while the flood is sent
    long refilled = took.toMillis() * LIMIT / Duration.ofMinutes(1).toMillis();
    assertThat(flood.stream().filter(r -> r.statusCode() == 200).count())
        .isLessThanOrEqualTo(LIMIT + refilled);

    Response quiet = withKey(QUIET_KEY, QUIET_SITE);
    assertThat(quiet.statusCode()).isEqualTo(200);
    assertThat(Integer.parseInt(quiet.header("RateLimit-Remaining"))).isGreaterThan(LIMIT / 2);
  }

  @Test
  void shouldThrottleMadeUpKeysPerClientAddressWithoutSlowingAValidKey() {
    awaitKnown(QUIET_KEY, QUIET_SITE);

    List<Response> flood = send(LIMIT + 5, () -> withKey(newKey(), QUIET_SITE));

    assertThat(flood).extracting(Response::statusCode).containsOnly(403, 429).contains(429);
    assertThat(firstWithStatus(flood, 429).header("Retry-After")).isNotNull();
    assertThat(withKey(QUIET_KEY, QUIET_SITE).statusCode()).isEqualTo(200);
  }

  @Test
  void shouldKeepTheSinkWritingWhileEveryReadConnectionIsTaken() throws Exception {
    List<Connection> taken = new ArrayList<>();
    try {
      int readPoolSize = readPool.getConfiguration().connectionPoolConfiguration().maxSize();
      for (int i = 0; i < readPoolSize; i++) {
        taken.add(readPool.getConnection());
      }
      AttributedEvent event = anEvent(QUIET_SITE).build();
      try (TopicPublisher publisher = new TopicPublisher(kafka)) {
        publisher.attributed(event);
      }

      await().atMost(Duration.ofSeconds(30)).until(() -> stored(event.event().eventId()));
      Response starved = ReportsApi.asAdmin("/api/sites/" + QUIET_SITE + "/summary");
      assertThat(starved.statusCode()).as("reports wait for their own pool only").isEqualTo(503);
      assertThat(starved.header("Retry-After")).isNotNull();
    } finally {
      for (Connection connection : taken) {
        connection.close();
      }
    }
    assertThat(ReportsApi.asAdmin("/api/sites/" + QUIET_SITE + "/summary").statusCode())
        .isEqualTo(200);
  }

  private static void awaitKnown(String key, String site) {
    // Unknown keys are refused per client address, which another test floods: wait past 429s.
    await().atMost(Duration.ofSeconds(60)).until(() -> withKey(key, site).statusCode() == 200);
  }

  private static Response withKey(String key, String site) {
    return given().header("X-API-Key", key).get("/api/sites/" + site + "/events?limit=1");
  }

  private static List<Response> send(int requests, java.util.function.Supplier<Response> request) {
    return IntStream.range(0, requests).mapToObj(i -> request.get()).toList();
  }

  private static Response firstWithStatus(List<Response> responses, int status) {
    return responses.stream()
        .filter(r -> r.statusCode() == status)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + status + " among the responses"));
  }

  private boolean stored(String eventId) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement("select count(*) from event_log where event_id = ?")) {
      statement.setString(1, eventId);
      try (ResultSet row = statement.executeQuery()) {
        return row.next() && row.getLong(1) == 1;
      }
    }
  }

  private static String newKey() {
    return "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  }
}
