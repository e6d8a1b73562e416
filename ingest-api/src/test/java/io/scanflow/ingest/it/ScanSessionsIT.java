package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.ServerEventsIT.keyOf;
import static io.scanflow.ingest.it.Sites.utf8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.ingest.validation.Problem;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /scan-sessions} (http-api.md §8). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ScanSessionsIT {
  @InjectKafka KafkaTestCluster kafka;
  private SiteWithKey site;

  @BeforeEach
  void newSite() {
    site = Sites.newSite();
  }

  private ValidatableResponse post(String body) {
    return given().header("X-API-Key", site.key()).body(utf8(body)).post("/scan-sessions").then();
  }

  private ConsumerRecord<byte[], byte[]> recordOf(String sessionId) {
    return TopicRecords.readUntil(
            kafka,
            Topics.SCAN_SESSIONS.name(),
            all -> all.stream().anyMatch(r -> sessionId.equals(keyOf(r))),
            Duration.ofSeconds(10))
        .stream()
        .filter(r -> sessionId.equals(keyOf(r)))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void shouldWriteTheScanKeyedBySessionIdWithScannedAtAsTimestamp() throws Exception {
    String sessionId = UUID.randomUUID().toString();
    Instant scannedAt = Instant.now().minusSeconds(30).truncatedTo(ChronoUnit.MILLIS);

    post("{\"scan_session_id\": \""
            + sessionId.toUpperCase()
            + "\", \"site_id\": \""
            + site.siteId()
            + "\", \"qr_code_id\": \"poster-42\", \"campaign\": \"winter\", \"scanned_at\": \""
            + scannedAt
            + "\"}")
        .statusCode(200)
        .header("RateLimit-Limit", "1000")
        .body("scan_session_id", equalTo(sessionId))
        .body("status", equalTo("accepted"));

    ConsumerRecord<byte[], byte[]> record = recordOf(sessionId);
    JsonNode value = ContractJson.mapper().readTree(record.value());
    assertThat(record.timestamp()).isEqualTo(scannedAt.toEpochMilli());
    assertThat(value.get("scan_session_id").asText()).isEqualTo(sessionId);
    assertThat(value.get("site_id").asText()).isEqualTo(site.siteId());
    assertThat(value.get("qr_code_id").asText()).isEqualTo("poster-42");
    assertThat(value.get("campaign").asText()).isEqualTo("winter");
    assertThat(Instant.parse(value.get("scanned_at").asText())).isEqualTo(scannedAt);
  }

  @Test
  void shouldGenerateTheSessionIdWhenAbsent() {
    String sessionId =
        post("{\"site_id\": \"" + site.siteId() + "\", \"qr_code_id\": \"q\"}")
            .statusCode(200)
            .extract()
            .path("scan_session_id");

    assertThat(keyOf(recordOf(sessionId))).isEqualTo(sessionId);
  }

  @Test
  void shouldApplyTheSameErrorRulesAsServerEvents() {
    post("{\"site_id\": \"" + site.siteId() + "\"}")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "qr_code_id")))
        .body("detail[0].type", equalTo("value_error.missing"));
    post("{\"site_id\": \"other\", \"qr_code_id\": \"q\"}")
        .statusCode(403)
        .body("detail", equalTo("site_id does not match the API key's site"));
    given()
        .body(utf8("{}"))
        .post("/scan-sessions")
        .then()
        .statusCode(401)
        .body("detail", equalTo("Missing API key"));
    post("{\"pad\": \"" + "x".repeat(70_000) + "\"}")
        .statusCode(413)
        .body("detail", equalTo("Request body exceeds 65536 bytes"));
  }

  @Test
  void shouldRefuseWhatTheStoresMustNotHoldAndPublishNothingOfIt() {
    String poisoned = UUID.randomUUID().toString();
    String scan =
        "{\"scan_session_id\": \""
            + poisoned
            + "\", \"site_id\": \""
            + site.siteId()
            + "\", \"qr_code_id\": \"q\"";
    post(scan + ", \"campaign\": \"winter\\u0000\"}")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "campaign")))
        .body("detail[0].type", equalTo("value_error.control_char"));
    post(scan + ", \"note\": {\"k\": \"\\udc00\"}}")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "note", "k")))
        .body("detail[0].type", equalTo("value_error.unstorable_char"));
    post(scan + ", \"campaign\": \"winter?ref=alice%40example.com\"}")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "campaign")))
        .body("detail[0].msg", equalTo(Problem.RAW_EMAIL_MSG))
        .body("detail[0].type", equalTo("value_error.pii.email"));

    String marker =
        post("{\"site_id\": \"" + site.siteId() + "\", \"qr_code_id\": \"q\"}")
            .statusCode(200)
            .extract()
            .path("scan_session_id");
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
            kafka,
            Topics.SCAN_SESSIONS.name(),
            all -> all.stream().anyMatch(r -> marker.equals(keyOf(r))),
            Duration.ofSeconds(10));
    assertThat(records).anyMatch(r -> marker.equals(keyOf(r)));
    assertThat(records).noneMatch(r -> poisoned.equals(keyOf(r)));
  }
}
