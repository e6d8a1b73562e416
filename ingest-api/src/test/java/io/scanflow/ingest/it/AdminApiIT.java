package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.ADMIN;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.contract.TopicDescriptor;
import io.scanflow.contract.Topics;
import io.scanflow.contract.registry.CompactedTopicFollower;
import io.scanflow.contract.registry.KeyRegistry;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The admin API (§9), revocation across instances (§1) and keys kept only as hashes. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class AdminApiIT {
  @InjectKafka KafkaTestCluster kafka;

  private int ingestStatus(SiteWithKey site) {
    return given()
        .header("X-API-Key", site.key())
        .body(utf8(anEvent().with("site_id", site.siteId()).text()))
        .post("/server-events")
        .statusCode();
  }

  @Test
  void shouldCreateASiteWithDefaultsAndAKeyThatWorksAtOnce() {
    Response created =
        given()
            .header("Authorization", ADMIN)
            .body(utf8("{\"name\": \"Café Berlin\"}"))
            .post("/admin/sites")
            .then()
            .statusCode(201)
            .body("site_id", matchesPattern("cafe-berlin-[0-9a-z]{6}"))
            .body("name", equalTo("Café Berlin"))
            .body("attribution_window_days", equalTo(30))
            .body("api_key.key", matchesPattern("sf_live_[0-9A-Za-z]{32}"))
            .extract()
            .response();
    SiteWithKey site =
        new SiteWithKey(
            created.path("site_id"), created.path("api_key.key_id"), created.path("api_key.key"));

    assertThat(ingestStatus(site)).isEqualTo(200);
  }

  @Test
  void shouldValidateSiteRequestsInTheSameShape() {
    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"name\": \"Shop\", \"attribution_window_days\": 91}"))
        .post("/admin/sites")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "attribution_window_days")))
        .body("detail[0].msg", equalTo("ensure this value is less than or equal to 90"))
        .body("detail[0].type", equalTo("value_error.number.not_le"));
  }

  @Test
  void shouldRefuseASiteIdThatExists() {
    SiteWithKey site = Sites.newSite();

    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"name\": \"Again\", \"site_id\": \"" + site.siteId() + "\"}"))
        .post("/admin/sites")
        .then()
        .statusCode(409);
  }

  @Test
  void shouldListSitesWithKeyIdsAndPrefixesButNeverKeysOrHashes() {
    SiteWithKey site = Sites.newSite();
    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"name\": \"Windowed\", \"attribution_window_days\": 7}"))
        .post("/admin/sites")
        .then()
        .statusCode(201)
        .body("attribution_window_days", equalTo(7));

    String list =
        given()
            .header("Authorization", ADMIN)
            .get("/admin/sites")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    given()
        .header("Authorization", ADMIN)
        .get("/admin/sites")
        .then()
        .body(
            "find { it.site_id == '" + site.siteId() + "' }.api_keys[0].key_id",
            equalTo(site.keyId()))
        .body(
            "find { it.site_id == '" + site.siteId() + "' }.api_keys[0].prefix",
            equalTo(site.key().substring(0, 12)))
        .body("find { it.site_id == '" + site.siteId() + "' }.api_keys[0].revoked_at", nullValue());
    assertThat(list).doesNotContain(site.key()).doesNotContain(ApiKeyHash.of(site.key()));
  }

  @Test
  void shouldCreateAnotherKeyForASite() {
    SiteWithKey site = Sites.newSite();

    Response second =
        given()
            .header("Authorization", ADMIN)
            .post("/admin/sites/" + site.siteId() + "/api-keys")
            .then()
            .statusCode(201)
            .extract()
            .response();

    assertThat(
            ingestStatus(new SiteWithKey(site.siteId(), second.path("key_id"), second.path("key"))))
        .isEqualTo(200);
    given()
        .header("Authorization", ADMIN)
        .post("/admin/sites/no-such-site/api-keys")
        .then()
        .statusCode(404);
  }

  @Test
  void shouldRefuseARevokedKeyHereAtOnceAndOnASecondInstanceWithin5Seconds() throws Exception {
    SiteWithKey site = Sites.newSite();
    String hash = ApiKeyHash.of(site.key());
    KeyRegistry secondRegistry = new KeyRegistry();
    try (CompactedTopicFollower secondInstance =
        new CompactedTopicFollower(
                "second-instance",
                Map.of("bootstrap.servers", kafka.bootstrapServers()),
                secondRegistry,
                Duration.ofMillis(200),
                Duration.ofSeconds(5),
                () -> {})
            .start()) {
      await().atMost(Duration.ofSeconds(10)).until(secondInstance::caughtUp);
      await().atMost(Duration.ofSeconds(5)).until(() -> secondRegistry.activeKey(hash).isPresent());

      given()
          .header("Authorization", ADMIN)
          .delete("/admin/api-keys/" + site.keyId())
          .then()
          .statusCode(204);

      assertThat(ingestStatus(site)).isEqualTo(403);
      await().atMost(Duration.ofSeconds(5)).until(() -> secondRegistry.activeKey(hash).isEmpty());
    }
    given()
        .header("Authorization", ADMIN)
        .get("/admin/sites")
        .then()
        .body(
            "find { it.site_id == '" + site.siteId() + "' }.api_keys[0].revoked_at",
            matchesPattern("\\d{4}-.*Z"));
  }

  @Test
  void shouldAnswer404ForRevokingAnUnknownKey() {
    given()
        .header("Authorization", ADMIN)
        .delete("/admin/api-keys/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .body("detail", equalTo("API key not found"));
  }

  @Test
  void shouldAnswer401WithoutTheAdminToken() {
    given()
        .get("/admin/sites")
        .then()
        .statusCode(401)
        .body("detail", equalTo("Missing or invalid admin token"));
    given().header("Authorization", "Bearer wrong").get("/admin/sites").then().statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .body(utf8("{\"name\": \"x\"}"))
        .post("/admin/sites")
        .then()
        .statusCode(401);
    given()
        .header("Authorization", "Bearer wrong")
        .delete("/admin/api-keys/x")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldCreateASiteInItsTimeZoneAndChangeItWithPatch() {
    String siteId = "tz-" + UUID.randomUUID().toString().substring(0, 8);
    given()
        .header("Authorization", ADMIN)
        .body(
            utf8(
                "{\"name\": \"Shop\", \"site_id\": \""
                    + siteId
                    + "\","
                    + " \"time_zone\": \"Europe/Berlin\"}"))
        .post("/admin/sites")
        .then()
        .statusCode(201)
        .body("time_zone", equalTo("Europe/Berlin"));

    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"time_zone\": \"America/New_York\", \"attribution_window_days\": 7}"))
        .patch("/admin/sites/" + siteId)
        .then()
        .statusCode(200)
        .body("site_id", equalTo(siteId))
        .body("name", equalTo("Shop"))
        .body("attribution_window_days", equalTo(7))
        .body("time_zone", equalTo("America/New_York"))
        .body("api_keys.size()", equalTo(1));

    given()
        .header("Authorization", ADMIN)
        .get("/admin/sites")
        .then()
        .body("find { it.site_id == '" + siteId + "' }.time_zone", equalTo("America/New_York"));
    List<String> written =
        AllRecords.of(kafka, Topics.TRACKING_SITES.name()).stream()
            .filter(record -> siteId.equals(ServerEventsIT.keyOf(record)))
            .map(record -> new String(record.value(), StandardCharsets.UTF_8))
            .toList();
    assertThat(written).hasSize(2);
    assertThat(written.get(1)).contains("\"time_zone\":\"America/New_York\"");
    List<String> claims =
        AllRecords.of(kafka, Topics.SITE_CLAIMS.name()).stream()
            .filter(record -> siteId.equals(ServerEventsIT.keyOf(record)))
            .map(record -> new String(record.value(), StandardCharsets.UTF_8))
            .toList();
    assertThat(claims).as("a change is not a claim").hasSize(1);
  }

  @Test
  void shouldDefaultTheTimeZoneToUtc() {
    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"name\": \"Shop\"}"))
        .post("/admin/sites")
        .then()
        .statusCode(201)
        .body("time_zone", equalTo("UTC"));
  }

  @Test
  void shouldRefuseAnOffsetOrUnknownTimeZoneOnCreateAndPatch() {
    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"name\": \"Shop\", \"time_zone\": \"+02:00\"}"))
        .post("/admin/sites")
        .then()
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "time_zone")))
        .body("detail[0].type", equalTo("value_error.time_zone"));
    SiteWithKey site = Sites.newSite();
    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"time_zone\": \"Europe/Atlantis\", \"attribution_window_days\": 0}"))
        .patch("/admin/sites/" + site.siteId())
        .then()
        .statusCode(422)
        .body(
            "detail.type", equalTo(List.of("value_error.number.not_ge", "value_error.time_zone")));
  }

  @Test
  void shouldAnswer404ForPatchingAnUnknownSiteAnd401WithoutTheAdminToken() {
    given()
        .header("Authorization", ADMIN)
        .body(utf8("{\"time_zone\": \"UTC\"}"))
        .patch("/admin/sites/no-such-site")
        .then()
        .statusCode(404);
    given()
        .header("Authorization", "Bearer wrong")
        .body(utf8("{\"time_zone\": \"UTC\"}"))
        .patch("/admin/sites/no-such-site")
        .then()
        .statusCode(401);
  }

  @Test
  void shouldNeverWriteKeyMaterialToAnyTopic() {
    SiteWithKey site = Sites.newSite();
    assertThat(ingestStatus(site)).isEqualTo(200);
    given().header("Authorization", ADMIN).delete("/admin/api-keys/" + site.keyId());
    String secret = site.key().substring(12); // all but the kept prefix
    String hash = ApiKeyHash.of(site.key());

    for (TopicDescriptor<?, ?> topic : Topics.all()) {
      for (ConsumerRecord<byte[], byte[]> record : AllRecords.of(kafka, topic.name())) {
        String value =
            record.value() == null ? "" : new String(record.value(), StandardCharsets.UTF_8);
        String key = record.key() == null ? "" : new String(record.key(), StandardCharsets.UTF_8);
        assertThat(value).as(topic.name()).doesNotContain(secret).doesNotContain(hash);
        assertThat(key).as(topic.name()).doesNotContain(secret);
      }
    }
    List<String> apiKeyKeys =
        AllRecords.of(kafka, Topics.API_KEYS.name()).stream().map(ServerEventsIT::keyOf).toList();
    assertThat(apiKeyKeys).contains(hash).allMatch(k -> k.matches("[0-9a-f]{64}"));
  }
}
