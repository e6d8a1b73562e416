package io.scanflow.reports;

import static io.restassured.RestAssured.given;
import static io.scanflow.reports.TestEvents.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.InjectPostgres;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestDatabase;
import io.scanflow.testsupport.PostgresTestResource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Site keys are checked against the {@code api-keys} topic itself, not against the sink's table: a
 * revocation is refused within 5 s even while the sink cannot store anything.
 */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class KeyRevocationIT {
  private static final String SITE = "revoke-" + UUID.randomUUID();
  private static final String KEY = "sf_live_" + UUID.randomUUID().toString().replace("-", "");
  private static final String SUMMARY = "/api/sites/" + SITE + "/summary";

  @InjectKafka KafkaTestCluster kafka;
  @InjectPostgres PostgresTestDatabase database;

  @Test
  void shouldRefuseARevokedKeyWithin5SecondsWhileTheSinkIsStalled() throws Exception {
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(SITE, "Revoking shop");
      publisher.apiKey(KEY, SITE, null);
      publisher.attributed(anEvent(SITE).build());
    }
    SinkProgress.awaitCaughtUp(kafka);
    await().atMost(Duration.ofSeconds(10)).until(() -> statusWithKey() == 200);

    try (Connection lock = database.connect()) {
      // Stall the sink: its next key record waits for this lock, and with it the whole batch and
      // every later one. Reading any table, api_keys included, goes on (EXCLUSIVE blocks writes).
      lock.setAutoCommit(false);
      try (Statement statement = lock.createStatement()) {
        statement.execute("lock table api_keys in exclusive mode");
      }

      try (TopicPublisher publisher = new TopicPublisher(kafka)) {
        publisher.apiKey(KEY, SITE, Instant.now());
      }

      await().atMost(Duration.ofSeconds(5)).until(() -> statusWithKey() == 403);
      assertThat(activeInTable()).as("the sink has not stored the revocation").isTrue();
      assertThat(SinkProgress.lag(kafka)).as("the sink has not committed it").isPositive();
      assertThat(ReportsApi.asAdmin(SUMMARY).statusCode())
          .as("reports still served while the sink is stalled")
          .isEqualTo(200);
      lock.rollback();
    }

    SinkProgress.awaitCaughtUp(kafka);
    assertThat(activeInTable()).as("stored once the sink moves again").isFalse();
    assertThat(statusWithKey()).isEqualTo(403);
  }

  private static int statusWithKey() {
    return given().header("X-API-Key", KEY).get(SUMMARY).statusCode();
  }

  private boolean activeInTable() throws Exception {
    try (Connection connection = database.connect();
        PreparedStatement statement =
            connection.prepareStatement(
                "select revoked_at is null from api_keys where key_hash = ?")) {
      statement.setString(1, ApiKeyHash.of(KEY));
      try (ResultSet row = statement.executeQuery()) {
        assertThat(row.next()).as("key row").isTrue();
        return row.getBoolean(1);
      }
    }
  }
}
