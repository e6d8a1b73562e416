package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.ingest.validation.EventJson;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /server-events} and {@code /validate} against a real broker (§1, §2, §3, §6, §7). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class ServerEventsIT {
  @InjectKafka KafkaTestCluster kafka;

  @TestHTTPResource("/server-events")
  URI serverEvents;

  private SiteWithKey site;

  @BeforeEach
  void newSite() {
    site = Sites.newSite();
  }

  private EventJson event() {
    return anEvent().with("site_id", site.siteId());
  }

  private ValidatableResponse post(String path, String body) {
    return given().header("X-API-Key", site.key()).body(utf8(body)).post(path).then();
  }

  private List<ConsumerRecord<byte[], byte[]>> recordsWithKey(String topic, String key) {
    List<ConsumerRecord<byte[], byte[]>> all =
        TopicRecords.readUntil(
            kafka,
            topic,
            records -> records.stream().anyMatch(r -> key.equals(keyOf(r))),
            Duration.ofSeconds(10));
    return all.stream().filter(r -> key.equals(keyOf(r))).toList();
  }

  static String keyOf(ConsumerRecord<byte[], byte[]> record) {
    return record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
  }

  @Test
  void shouldWriteAcceptedEventToServerEventsWithKeyJsonAndTimestamp() throws Exception {
    String sessionId = "6F1C2A4E-8A57-4C1E-9D1A-3B2F1E0C9A77";
    String body =
        event()
            .with("event_id", "order-" + UUID.randomUUID())
            .with("scan_session_id", sessionId)
            .withJson("properties", "{\"order_id\": \"A-1\", \"items\": [1, 2]}")
            .withJson("conversion_value", "{\"amount\": 59.90, \"currency\": \"EUR\"}")
            .withJson("user_identifiers", "{\"email_hash\": \"" + "b".repeat(64) + "\"}")
            .with("not_in_the_spec", "dropped")
            .text();
    String eventId = ContractJson.mapper().readTree(body).get("event_id").asText();
    Instant before = Instant.now().minusMillis(1);

    post("/server-events", body)
        .statusCode(200)
        .body("event_id", equalTo(eventId))
        .body("status", equalTo("accepted"));

    List<ConsumerRecord<byte[], byte[]>> records =
        recordsWithKey(Topics.SERVER_EVENTS.name(), site.siteId() + "/" + eventId);
    assertThat(records).hasSize(1);
    JsonNode value = ContractJson.mapper().readTree(records.get(0).value());
    assertThat(value.get("schema_version").asInt()).isEqualTo(1);
    assertThat(UUID.fromString(value.get("ingest_id").asText())).isNotNull();
    assertThat(value.get("event_id_generated").asBoolean()).isFalse();
    assertThat(value.get("site_id").asText()).isEqualTo(site.siteId());
    assertThat(value.get("api_key_id").asText()).isEqualTo(site.keyId());
    assertThat(value.get("scan_session_id").asText()).isEqualTo(sessionId.toLowerCase());
    assertThat(value.get("conversion_value").get("amount").decimalValue())
        .isEqualByComparingTo("59.90");
    assertThat(value.get("properties").toString())
        .isEqualTo("{\"order_id\":\"A-1\",\"items\":[1,2]}");
    assertThat(value.get("user_identifiers").get("email_hash").asText()).isEqualTo("b".repeat(64));
    assertThat(value.has("not_in_the_spec")).isFalse();
    Instant receivedAt = Instant.parse(value.get("received_at").asText());
    assertThat(receivedAt).isBetween(before, Instant.now());
    assertThat(records.get(0).timestamp()).isEqualTo(receivedAt.toEpochMilli());
    assertThat(value.get("event_time").asText()).isEqualTo(value.get("received_at").asText());
  }

  @Test
  void shouldGenerateAnEventIdWhenAbsent() throws Exception {
    String eventId =
        post("/server-events", event().text()).statusCode(200).extract().path("event_id");

    JsonNode value =
        ContractJson.mapper()
            .readTree(
                recordsWithKey(Topics.SERVER_EVENTS.name(), site.siteId() + "/" + eventId)
                    .get(0)
                    .value());
    assertThat(UUID.fromString(eventId).toString()).isEqualTo(eventId);
    assertThat(value.get("event_id_generated").asBoolean()).isTrue();
  }

  @Test
  void shouldParseJsonWhateverTheContentType() throws Exception {
    // As curl sends it: -d gives a form content type, --data-binary without -H gives none.
    for (String contentType :
        List.of("application/x-www-form-urlencoded", "text/plain", "application/json", "")) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(serverEvents)
              .header("X-API-Key", site.key())
              .POST(HttpRequest.BodyPublishers.ofString(event().text()));
      if (!contentType.isEmpty()) {
        request.header("Content-Type", contentType);
      }

      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

      assertThat(response.statusCode()).as(contentType).isEqualTo(200);
      assertThat(response.body()).contains("\"status\":\"accepted\"");
    }
  }

  @Test
  void shouldAnswerTheSeedBodyWhenScanSessionIdIsMissing() {
    String body =
        post("/server-events", event().without("scan_session_id").text())
            .statusCode(422)
            .extract()
            .asString();

    assertThat(body)
        .isEqualTo(
            "{\"detail\":[{\"loc\":[\"body\",\"scan_session_id\"],\"msg\":\"field required\","
                + "\"type\":\"value_error.missing\"}]}");
  }

  @Test
  void shouldListEveryProblemWithNestedLocations() {
    post(
            "/server-events",
            event()
                .with("event_name", "")
                .withJson("conversion_value", "{\"amount\": 1, \"currency\": \"euro\"}")
                .withJson("properties", "{\"customer\": {\"contact\": \"jane@example.com\"}}")
                .text())
        .statusCode(422)
        .body("detail.size()", equalTo(3))
        .body("detail[0].type", equalTo("value_error.any_str.min_length"))
        .body("detail[1].loc", equalTo(List.of("body", "conversion_value", "currency")))
        .body("detail[2].loc", equalTo(List.of("body", "properties", "customer", "contact")))
        .body("detail[2].type", equalTo("value_error.pii.email"));
  }

  @Test
  void shouldAnswer422WithTheOffsetForMalformedJson() {
    post("/server-events", "{\"site_id\": oops}")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", 12)))
        .body("detail[0].type", equalTo("value_error.jsondecode"))
        .body("detail[0].msg", notNullValue());
  }

  @Test
  void shouldAnswer422ForJsonThatIsNotAnObject() {
    post("/server-events", "[1, 2]")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body")))
        .body("detail[0].type", equalTo("type_error.dict"));
  }

  @Test
  void shouldAnswer401WithoutAKey() {
    given()
        .body(utf8(event().text()))
        .post("/server-events")
        .then()
        .statusCode(401)
        .body("detail", equalTo("Missing API key"))
        .header("RateLimit-Limit", (String) null);
    given()
        .header("X-API-Key", "")
        .body(utf8(event().text()))
        .post("/server-events")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldAnswer403ForAnUnknownKeyEvenWithABadBody() {
    given()
        .header("X-API-Key", "sf_live_" + "x".repeat(32))
        .body(utf8("not json"))
        .post("/server-events")
        .then()
        .statusCode(403)
        .body("detail", equalTo("Invalid or revoked API key"));
  }

  @Test
  void shouldAnswer403WhenTheSiteIsAnotherTenants() {
    post("/server-events", event().with("site_id", site.siteId().toUpperCase()).text())
        .statusCode(403)
        .body("detail", equalTo("site_id does not match the API key's site"))
        .header("RateLimit-Limit", "1000");
  }

  @Test
  void shouldAnswer422BeforeTheSiteMismatch() {
    post("/server-events", event().with("site_id", "other").without("event_name").text())
        .statusCode(422);
  }

  @Test
  void shouldAnswer413ForADeclaredLengthOver64Kb() {
    String big = event().with("padding", "x".repeat(64 * 1024)).text();

    post("/server-events", big)
        .statusCode(413)
        .body("detail", equalTo("Request body exceeds 65536 bytes"))
        .header("RateLimit-Remaining", notNullValue());
  }

  @Test
  void shouldAnswer413WithTheJsonBodyEvenForAMultiMegabyteBody() {
    post("/server-events", "x".repeat(5 * 1024 * 1024))
        .statusCode(413)
        .body("detail", equalTo("Request body exceeds 65536 bytes"));
  }

  @Test
  void shouldAcceptAResendWithTheSameEventIdAsANewReceipt() throws Exception {
    String eventId = "resend-" + UUID.randomUUID();
    String body = event().with("event_id", eventId).text();

    post("/server-events", body).statusCode(200).body("event_id", equalTo(eventId));
    post("/server-events", body).statusCode(200).body("event_id", equalTo(eventId));

    String key = site.siteId() + "/" + eventId;
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
                kafka,
                Topics.SERVER_EVENTS.name(),
                all -> all.stream().filter(r -> key.equals(keyOf(r))).count() >= 2,
                Duration.ofSeconds(10))
            .stream()
            .filter(r -> key.equals(keyOf(r)))
            .toList();
    assertThat(records).hasSize(2);
    assertThat(ContractJson.mapper().readTree(records.get(0).value()).get("ingest_id"))
        .isNotEqualTo(ContractJson.mapper().readTree(records.get(1).value()).get("ingest_id"));
  }

  @Test
  void shouldAnswer413ForAChunkedBodyOver64Kb() throws Exception {
    byte[] big = utf8(event().with("padding", "x".repeat(200 * 1024)).text());
    HttpRequest request =
        HttpRequest.newBuilder(serverEvents)
            .header("X-API-Key", site.key())
            .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big)))
            .build();

    HttpResponse<String> response =
        HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.body()).isEqualTo("{\"detail\":\"Request body exceeds 65536 bytes\"}");
  }

  @Test
  void shouldAcceptABodyJustUnder64KbReadInSeveralChunks() {
    String padding = "x".repeat(60 * 1024);
    String body = event().withJson("properties", "{}").with("padding", padding).text();

    post("/server-events", body).statusCode(200);
  }

  @Test
  void shouldCarryRateLimitHeadersOnAuthenticatedResponses() {
    post("/server-events", event().text())
        .statusCode(200)
        .header("RateLimit-Limit", "1000")
        .header("RateLimit-Remaining", "999")
        .header("RateLimit-Reset", notNullValue());
    // The bucket refills continuously (1000/min = one token per 60 ms), so only an upper bound.
    String remaining =
        post("/server-events", "{}").statusCode(422).extract().header("RateLimit-Remaining");
    assertThat(Integer.parseInt(remaining)).isBetween(990, 999);
  }

  @Test
  void shouldValidateWithoutWritingAnything() {
    String eventId = "dry-run-" + UUID.randomUUID();

    post("/server-events/validate", event().with("event_id", eventId).text())
        .statusCode(200)
        .body("valid", equalTo(true));
    post("/server-events/validate", event().without("scan_session_id").text())
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "scan_session_id")));
    post("/server-events/validate", event().with("site_id", "other").text()).statusCode(403);

    // A marker written after the dry run: once it is read, the dry run would have been too.
    String marker =
        post("/server-events", event().text()).statusCode(200).extract().path("event_id");
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS.name(),
            all -> all.stream().anyMatch(r -> keyOf(r).endsWith(marker)),
            Duration.ofSeconds(10));
    assertThat(records).anyMatch(r -> keyOf(r).endsWith(marker));
    assertThat(records).noneMatch(r -> keyOf(r).endsWith(eventId));
  }

  @Test
  void shouldRefuseWhatTheStoresCannotHoldAndPublishNothingOfIt() {
    String poisoned = "poison-" + UUID.randomUUID();
    post(
            "/server-events",
            event()
                .with("event_id", poisoned)
                .withJson("properties", "{\"x\": \"a\\u0000b\"}")
                .text())
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "properties", "x")))
        .body("detail[0].type", equalTo("value_error.unstorable_char"));
    post(
            "/server-events/batch",
            "{\"events\": ["
                + event()
                    .with("event_id", poisoned)
                    .withJson("conversion_value", "{\"amount\": 1e200000, \"currency\": \"EUR\"}")
                    .text()
                + ", "
                + event()
                    .with("event_id", poisoned)
                    .withJson("properties", "{\"n\": 1e-20000}")
                    .text()
                + "]}")
        .statusCode(200)
        .body("accepted", equalTo(0))
        .body(
            "results[0].detail[0].loc",
            equalTo(List.of("body", "events", 0, "conversion_value", "amount")))
        .body("results[0].detail[0].type", equalTo("value_error.decimal.bounds"))
        .body("results[1].detail[0].type", equalTo("value_error.number.bounds"));
    // A lone surrogate only exists as a JSON escape: written out as UTF-8 it is not UTF-8.
    String loneSurrogate = event().with("event_id", poisoned).text().replace(poisoned, "x\\ud800");
    post("/server-events", loneSurrogate)
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "event_id")))
        .body("detail[0].type", equalTo("value_error.unstorable_char"));
    post("/server-events/validate", loneSurrogate).statusCode(422);
    post("/server-events", event().with("event_id", poisoned).with("event_name", "a\u0000").text())
        .statusCode(422)
        .body("detail[0].type", equalTo("value_error.control_char"))
        .body("detail[0].msg", equalTo("control characters are not allowed"));

    String marker =
        post("/server-events", event().text()).statusCode(200).extract().path("event_id");
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS.name(),
            all -> all.stream().anyMatch(r -> keyOf(r).endsWith(marker)),
            Duration.ofSeconds(10));
    assertThat(records).anyMatch(r -> keyOf(r).endsWith(marker));
    assertThat(records).noneMatch(r -> keyOf(r).contains(poisoned));
  }

  @Test
  void shouldPublishATestEventMarkedTestOnTheTopic() throws Exception {
    String eventId = "test-" + UUID.randomUUID();
    String body =
        anEvent()
            .with("site_id", site.siteId())
            .with("event_id", eventId)
            .withJson("test", "true")
            .text();
    post("/server-events", body).statusCode(200);

    String key = site.siteId() + "/" + eventId;
    byte[] value = recordsWithKey(Topics.SERVER_EVENTS.name(), key).get(0).value();
    assertThat(ContractJson.mapper().readTree(value).get("test").asBoolean()).isTrue();
  }

  @Test
  void shouldAnswer422ForATestFlagThatIsNotABoolean() {
    String body = anEvent().with("site_id", site.siteId()).with("test", "yes").text();
    post("/server-events", body)
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "test")))
        .body("detail[0].type", equalTo("type_error.bool"))
        .body("detail[0].msg", equalTo("value is not a valid boolean"));
  }
}
