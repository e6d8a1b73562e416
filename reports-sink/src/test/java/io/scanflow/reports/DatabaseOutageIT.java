package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static io.scanflow.reports.TestEvents.anEvent;
import static io.scanflow.reports.TestEvents.duplicateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class DatabaseOutageIT {
  private static final int PER_CHUNK = 1000;
  private static final int DUPLICATES = 100;

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  @Test
  void shouldStoreEveryEventExactlyOnceWhenPostgresStopsAndStartsDuringConsumption()
      throws Exception {
    String site = "outage-" + UUID.randomUUID();
    List<AttributedEvent> before = events(site);
    List<AttributedEvent> during = events(site);
    List<DuplicateEvent> duplicates = new ArrayList<>();
    IntStream.range(0, DUPLICATES).forEach(i -> duplicates.add(duplicateOf(during.get(i))));

    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      // given the sink is consuming
      publisher.attributed(before);
      await().atMost(Duration.ofSeconds(30)).until(() -> storedEvents(site) > 0);

      // when PostgreSQL goes away and more records arrive
      database.stopServer();
      publisher.attributed(during);
      publisher.duplicates(duplicates.toArray(DuplicateEvent[]::new));

      // then nothing is acknowledged while it is away, and the API answers 503, not 500
      await()
          .during(Duration.ofSeconds(2))
          .atMost(Duration.ofSeconds(10))
          .until(() -> SinkProgress.lag(kafka) > 0);
      assertThat(ReportsApi.asAdmin("/api/sites/" + site + "/summary").statusCode()).isEqualTo(503);

      // and once the outage has lasted the stall time (3 s in tests), readiness says so
      await()
          .atMost(Duration.ofSeconds(30))
          .until(() -> stallCheck().path("status").asText().equals("DOWN"));
      JsonNode stalled = stallCheck();
      assertThat(Instant.parse(stalled.at("/data/stalled_since").asText())).isBefore(Instant.now());
      assertThat(stalled.at("/data/reason").asText()).isNotBlank();

      // and once it is back, every event is stored exactly once, and the sink is ready again
      database.startServer();
      SinkProgress.awaitCaughtUp(kafka);
      assertThat(stallCheck().path("status").asText()).isEqualTo("UP");
    }

    assertThat(storedEvents(site)).isEqualTo(2 * PER_CHUNK);
    assertThat(scalar("select sum(events) from daily_aggregates where site_id = ?", site))
        .isEqualByComparingTo(BigDecimal.valueOf(2 * PER_CHUNK));
    assertThat(scalar("select sum(conversion_value) from daily_aggregates where site_id = ?", site))
        .isEqualByComparingTo(new BigDecimal("0.01").multiply(BigDecimal.valueOf(2 * PER_CHUNK)));
    assertThat(scalar("select count(*) from duplicate_receipts where site_id = ?", site))
        .isEqualByComparingTo(BigDecimal.valueOf(DUPLICATES));
    assertThat(scalar("select sum(duplicates) from daily_duplicates where site_id = ?", site))
        .isEqualByComparingTo(BigDecimal.valueOf(DUPLICATES));
  }

  /** The sink's own readiness check in {@code /q/health/ready}. */
  private static JsonNode stallCheck() {
    JsonNode health = ReportsApi.read(given().get("/q/health/ready").asString());
    for (JsonNode check : health.get("checks")) {
      if (check.get("name").asText().equals("reports-sink progress")) {
        return check;
      }
    }
    throw new AssertionError("no reports-sink progress check in " + health);
  }

  private static List<AttributedEvent> events(String site) {
    return IntStream.range(0, PER_CHUNK)
        .mapToObj(i -> anEvent(site).withValue("0.01", "EUR").build())
        .toList();
  }

  private long storedEvents(String site) throws Exception {
    return scalar("select count(*) from event_log where site_id = ?", site).longValue();
  }

  private BigDecimal scalar(String sql, String site) throws Exception {
    try (Connection connection = database.connect();
        var statement = connection.prepareStatement(sql)) {
      statement.setString(1, site);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        BigDecimal value = rows.getBigDecimal(1);
        return value == null ? BigDecimal.ZERO : value;
      }
    }
  }
}
