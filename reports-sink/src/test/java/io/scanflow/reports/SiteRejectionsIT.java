package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.RequestRejection;
import io.scanflow.contract.Topics;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/sites/{site_id}/rejections}: the rejection log read from its topic. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SiteRejectionsIT {
  private static final String SITE = "rej-a-" + UUID.randomUUID();
  private static final String OTHER_SITE = "rej-b-" + UUID.randomUUID();
  private static final String KEY = "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final String OTHER_KEY =
      "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final String PROBLEMS =
      "[{\"loc\":[\"body\",\"event_name\"],\"msg\":\"field required\","
          + "\"type\":\"value_error.missing\"}]";
  private static boolean given;

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  @BeforeEach
  void givenTwoSitesWithRejections() throws Exception {
    if (given) {
      return;
    }
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(SITE, "Shop A");
      publisher.site(OTHER_SITE, "Shop B");
      publisher.apiKey(KEY, SITE, null);
      publisher.apiKey(OTHER_KEY, OTHER_SITE, null);
      publisher.rejection(rejection(SITE, 422, "a-1", json(PROBLEMS), minutesAgo(1)));
      publisher.rejection(
          rejection(SITE, 503, null, text("Ingest is at capacity, retry later"), minutesAgo(5)));
      publisher.rejection(rejection(SITE, 429, null, text("Rate limit exceeded"), minutesAgo(10)));
      publisher.rejection(rejection(SITE, 403, "a-3", text("site_id mismatch"), minutesAgo(1800)));
      publisher.rejection(rejection(SITE, 413, null, text("too large"), minutesAgo(8 * 1440)));
      publisher.rejection(rejection(OTHER_SITE, 422, "b-1", json(PROBLEMS), minutesAgo(1)));
      publisher.raw(Topics.REQUEST_REJECTIONS.name(), SITE, bytes("{\"site_id\": 7"));
    }
    SinkProgress.awaitCaughtUp(kafka);
    given = true;
  }

  @Test
  void shouldCountTheLastDayPerStatusAndListTheLastSevenDaysNewestFirst() {
    JsonNode rejections = read(given().header("X-API-Key", KEY).get(path(SITE)));

    assertThat(rejections.get("counts_24h").toString())
        .isEqualTo("{\"403\":0,\"413\":0,\"415\":0,\"422\":1,\"429\":1,\"503\":1}");
    JsonNode recent = rejections.get("recent");
    assertThat(statuses(recent)).containsExactly(422, 503, 429, 403);
    JsonNode newest = recent.get(0);
    assertThat(Instant.parse(newest.get("at").asText())).isEqualTo(minutesAgo(1));
    assertThat(newest.get("endpoint").asText()).isEqualTo("/server-events");
    assertThat(newest.get("event_id").asText()).isEqualTo("a-1");
    assertThat(newest.get("detail").toString()).isEqualTo(PROBLEMS);
    assertThat(recent.get(1).get("detail").asText())
        .isEqualTo("Ingest is at capacity, retry later");
    assertThat(recent.get(2).get("event_id").isNull()).isTrue();
    assertThat(recent.get(2).get("detail").asText()).isEqualTo("Rate limit exceeded");
  }

  @Test
  void shouldRefuseAnotherSitesKeyAndShowEachSiteItsOwn() {
    assertThat(given().header("X-API-Key", OTHER_KEY).get(path(SITE)).statusCode()).isEqualTo(403);

    JsonNode other = read(given().header("X-API-Key", OTHER_KEY).get(path(OTHER_SITE)));
    assertThat(statuses(other.get("recent"))).containsExactly(422);
    assertThat(other.get("recent").get(0).get("event_id").asText()).isEqualTo("b-1");
  }

  @Test
  void shouldLimitTheListAndRefuseBadLimits() {
    assertThat(statuses(read(ReportsApi.asAdmin(path(SITE) + "?limit=1")).get("recent")))
        .containsExactly(422);
    assertThat(ReportsApi.asAdmin(path(SITE) + "?limit=0").statusCode()).isEqualTo(400);
    assertThat(ReportsApi.asAdmin(path("no-such-site")).statusCode()).isEqualTo(404);
  }

  @Test
  void shouldDeadLetterARejectionRecordThatCannotBeRead() {
    await()
        .atMost(Duration.ofSeconds(15))
        .until(() -> deadLetters(Topics.REQUEST_REJECTIONS.name()) == 1);
  }

  private long deadLetters(String sourceTopic) throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "select count(*) from dead_letters where source_topic = ? and stage = ?")) {
      statement.setString(1, sourceTopic);
      statement.setString(2, "reports-sink");
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }

  private static RequestRejection rejection(
      String site, int status, String eventId, JsonNode detail, Instant at) {
    return new RequestRejection(site, at, "/server-events", status, eventId, detail);
  }

  private static Instant minutesAgo(long minutes) {
    return NOW.minus(minutes, ChronoUnit.MINUTES);
  }

  private static JsonNode json(String text) {
    try {
      return ContractJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }

  private static JsonNode text(String text) {
    return ContractJson.mapper().getNodeFactory().textNode(text);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private static String path(String site) {
    return "/api/sites/" + site + "/rejections";
  }

  private static JsonNode read(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return ReportsApi.read(response.asString());
  }

  private static List<Integer> statuses(JsonNode recent) {
    List<Integer> statuses = new ArrayList<>();
    recent.forEach(r -> statuses.add(r.get("status").asInt()));
    return statuses;
  }
}
