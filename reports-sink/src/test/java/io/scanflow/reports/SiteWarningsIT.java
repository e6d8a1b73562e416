package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /api/sites/{site_id}/warnings}: a site's own dead letters, and only its own. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class SiteWarningsIT {
  private static final String SITE = "warn-a-" + UUID.randomUUID();
  private static final String OTHER_SITE = "warn-b-" + UUID.randomUUID();
  private static final String KEY = "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final String OTHER_KEY =
      "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.MILLIS);
  private static final String PSQL = "org.postgresql.util.PSQLException";
  private static boolean given;

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  @BeforeEach
  void givenTwoSitesWithDeadLetters() throws Exception {
    if (given) {
      return;
    }
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(SITE, "Shop A");
      publisher.site(OTHER_SITE, "Shop B");
      publisher.apiKey(KEY, SITE, null);
      publisher.apiKey(OTHER_KEY, OTHER_SITE, null);
    }
    SinkProgress.awaitCaughtUp(kafka);
    Instant minuteAgo = NOW.minus(1, ChronoUnit.MINUTES);
    deadLetter("reports-sink", SITE, "a-1", "invalid byte sequence for encoding UTF8", minuteAgo);
    deadLetter("dedupe-stream", SITE, null, "unreadable value", NOW.minus(10, ChronoUnit.MINUTES));
    deadLetter(
        "attribution-stream",
        SITE,
        "a-3",
        "owned by another site",
        NOW.minus(30, ChronoUnit.HOURS));
    deadLetter("reports-sink", SITE, "a-old", "too old to show", NOW.minus(8, ChronoUnit.DAYS));
    deadLetter("reports-sink", OTHER_SITE, "b-1", "not for site A", minuteAgo);
    given = true;
  }

  @Test
  void shouldListTheSitesDeadLettersOfTheLastSevenDaysNewestFirst() {
    JsonNode warnings = read(asAdmin(path(SITE)));

    assertThat(warnings.get("counts_24h").asLong()).isEqualTo(2);
    JsonNode recent = warnings.get("recent");
    assertThat(eventIds(recent)).containsExactly("a-1", null, "a-3");
    JsonNode newest = recent.get(0);
    assertThat(Instant.parse(newest.get("at").asText()))
        .isEqualTo(NOW.minus(1, ChronoUnit.MINUTES));
    assertThat(newest.get("stage").asText()).isEqualTo("reports-sink");
    assertThat(newest.get("error_class").asText()).isEqualTo(PSQL);
    assertThat(newest.get("error_message").asText()).contains("invalid byte sequence");
  }

  @Test
  void shouldShowASiteKeyItsOwnWarningsOnly() {
    JsonNode own = read(given().header("X-API-Key", KEY).get(path(SITE)));
    assertThat(eventIds(own.get("recent"))).doesNotContain("b-1");

    assertThat(given().header("X-API-Key", OTHER_KEY).get(path(SITE)).statusCode()).isEqualTo(403);

    JsonNode other = read(given().header("X-API-Key", OTHER_KEY).get(path(OTHER_SITE)));
    assertThat(other.get("counts_24h").asLong()).isEqualTo(1);
    assertThat(eventIds(other.get("recent"))).containsExactly("b-1");
  }

  @Test
  void shouldLimitTheListAndRefuseBadLimits() {
    assertThat(eventIds(read(asAdmin(path(SITE) + "?limit=1")).get("recent")))
        .containsExactly("a-1");
    assertThat(asAdmin(path(SITE) + "?limit=500").statusCode()).isEqualTo(200);
    assertThat(asAdmin(path(SITE) + "?limit=0").statusCode()).isEqualTo(400);
    assertThat(asAdmin(path(SITE) + "?limit=501").statusCode()).isEqualTo(400);
    assertThat(asAdmin(path("no-such-site")).statusCode()).isEqualTo(404);
  }

  private void deadLetter(String stage, String site, String eventId, String message, Instant at)
      throws Exception {
    DeadLetterRows.insert(database, stage, site, eventId, PSQL, message, at);
  }

  private static String path(String site) {
    return "/api/sites/" + site + "/warnings";
  }

  private static Response asAdmin(String path) {
    return ReportsApi.asAdmin(path);
  }

  private static JsonNode read(Response response) {
    assertThat(response.statusCode()).as(response.asString()).isEqualTo(200);
    return ReportsApi.read(response.asString());
  }

  private static List<String> eventIds(JsonNode recent) {
    List<String> ids = new ArrayList<>();
    recent.forEach(w -> ids.add(w.get("event_id").isNull() ? null : w.get("event_id").asText()));
    return ids;
  }
}
