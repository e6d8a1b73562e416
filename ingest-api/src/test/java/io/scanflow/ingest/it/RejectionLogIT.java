package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** The rejection log (http-api.md §10): what ingest-api puts on {@code request-rejections}. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class RejectionLogIT {
  private static final String SECRET = "coupon-value-never-logged";
  private static final int CAP = 60;

  @InjectKafka KafkaTestCluster kafka;

  private static void post(SiteWithKey site, String path, String body, int status) {
    given().header("X-API-Key", site.key()).body(utf8(body)).post(path).then().statusCode(status);
  }

  private List<ConsumerRecord<byte[], byte[]>> rejectionsOf(SiteWithKey site, int atLeast) {
    return TopicRecords.readUntil(
            kafka,
            Topics.REQUEST_REJECTIONS.name(),
            records -> count(records, site) >= atLeast,
            Duration.ofSeconds(15))
        .stream()
        .filter(r -> site.siteId().equals(ServerEventsIT.keyOf(r)))
        .toList();
  }

  private static JsonNode json(ConsumerRecord<byte[], byte[]> record) {
    try {
      return ContractJson.mapper().readTree(record.value());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + record, e);
    }
  }

  private static long count(List<ConsumerRecord<byte[], byte[]>> records, SiteWithKey site) {
    return records.stream().filter(r -> site.siteId().equals(ServerEventsIT.keyOf(r))).count();
  }

  @Test
  void shouldRecordA422WithItsProblemsButNeitherTheBodyNorAPropertyValue() throws IOException {
    SiteWithKey site = Sites.newSite();
    String event =
        anEvent()
            .with("site_id", site.siteId())
            .with("event_id", "order-rejected-1")
            .without("event_name")
            .withJson("properties", "{\"coupon\": \"" + SECRET + "\", \"n\": [1e999999]}")
            .text();

    post(site, "/server-events", event, 422);

    List<ConsumerRecord<byte[], byte[]>> records = rejectionsOf(site, 1);
    assertThat(records).hasSize(1);
    String value = new String(records.get(0).value(), StandardCharsets.UTF_8);
    assertThat(value).doesNotContain(SECRET).doesNotContain("1e999999");
    JsonNode rejection = ContractJson.mapper().readTree(value);
    assertThat(rejection.get("status").asInt()).isEqualTo(422);
    assertThat(rejection.get("endpoint").asText()).isEqualTo("/server-events");
    assertThat(rejection.get("event_id").asText()).isEqualTo("order-rejected-1");
    assertThat(rejection.get("site_id").asText()).isEqualTo(site.siteId());
    assertThat(rejection.get("at").asText()).isNotBlank();
    assertThat(rejection.get("detail").findValuesAsText("msg")).contains("field required");
    assertThat(rejection.get("detail").toString()).contains("[\"body\",\"event_name\"]");
  }

  @Test
  void shouldReplaceAJsonSyntaxMessageThatQuotesTheBody() throws IOException {
    SiteWithKey site = Sites.newSite();

    post(site, "/server-events/batch", "{\"events\": [" + SECRET + "]}", 422);

    JsonNode rejection = ContractJson.mapper().readTree(rejectionsOf(site, 1).get(0).value());
    assertThat(rejection.toString()).doesNotContain(SECRET);
    assertThat(rejection.get("endpoint").asText()).isEqualTo("/server-events/batch");
    assertThat(rejection.get("event_id").isNull()).isTrue();
    assertThat(rejection.get("detail").get(0).get("type").asText())
        .isEqualTo("value_error.jsondecode");
  }

  @Test
  void shouldRecordASiteMismatchAndAScanSessionProblem() {
    SiteWithKey site = Sites.newSite();
    String otherSite = anEvent().with("site_id", "not-" + site.siteId()).text();

    post(site, "/scan-sessions", "{\"site_id\": 1}", 422);
    post(site, "/server-events", otherSite, 403);

    List<ConsumerRecord<byte[], byte[]>> records = rejectionsOf(site, 2);
    assertThat(records)
        .extracting(r -> json(r).get("status").asInt())
        .containsExactlyInAnyOrder(422, 403);
  }

  @Test
  void shouldKeepAtMostSixtyRecordsPerKeyAndMinute() {
    SiteWithKey site = Sites.newSite();
    long started = System.nanoTime();
    for (int i = 0; i < 100; i++) {
      post(site, "/server-events", "{}", 422);
    }
    long seconds = Duration.ofNanos(System.nanoTime() - started).toSeconds();

    // The bucket refills one record a second, so a slow run may let a few more through.
    long allowed = CAP + seconds + 1;
    rejectionsOf(site, CAP);
    await()
        .during(Duration.ofSeconds(1))
        .atMost(Duration.ofSeconds(5))
        .until(
            () -> count(AllRecords.of(kafka, Topics.REQUEST_REJECTIONS.name()), site) <= allowed);
    assertThat(count(AllRecords.of(kafka, Topics.REQUEST_REJECTIONS.name()), site))
        .isBetween((long) CAP, allowed);
  }
}
