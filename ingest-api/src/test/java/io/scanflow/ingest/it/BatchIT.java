package io.scanflow.ingest.it;

import static io.restassured.RestAssured.given;
import static io.scanflow.ingest.it.ServerEventsIT.keyOf;
import static io.scanflow.ingest.it.Sites.utf8;
import static io.scanflow.ingest.validation.EventJson.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import io.scanflow.contract.Topics;
import io.scanflow.ingest.it.Sites.SiteWithKey;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.TopicRecords;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /server-events/batch} (http-api.md §4). */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
class BatchIT {
  @InjectKafka KafkaTestCluster kafka;
  private SiteWithKey site;

  @BeforeEach
  void newSite() {
    site = Sites.newSite();
  }

  private ValidatableResponse postBatch(String body) {
    return given()
        .header("X-API-Key", site.key())
        .body(utf8(body))
        .post("/server-events/batch")
        .then();
  }

  private String event(String eventId) {
    return anEvent().with("site_id", site.siteId()).with("event_id", eventId).text();
  }

  @Test
  void shouldAcceptValidEventsAndRejectInvalidOnesInOrder() {
    String first = "b-" + UUID.randomUUID();
    String third = "b-" + UUID.randomUUID();
    String invalid =
        anEvent()
            .with("site_id", site.siteId())
            .with("event_id", "never")
            .without("scan_session_id")
            .text();

    postBatch("{\"events\": [" + event(first) + ", " + invalid + ", " + event(third) + "]}")
        .statusCode(200)
        .header("RateLimit-Limit", "1000")
        .body("accepted", equalTo(2))
        .body("rejected", equalTo(1))
        .body("results[0].index", equalTo(0))
        .body("results[0].event_id", equalTo(first))
        .body("results[0].status", equalTo("accepted"))
        .body("results[1].index", equalTo(1))
        .body("results[1].status", equalTo("rejected"))
        .body("results[1].event_id", nullValue())
        .body("results[1].detail[0].loc", equalTo(List.of("body", "events", 1, "scan_session_id")))
        .body("results[1].detail[0].msg", equalTo("field required"))
        .body("results[1].detail[0].type", equalTo("value_error.missing"))
        .body("results[2].event_id", equalTo(third));

    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS.name(),
            all -> all.stream().filter(r -> keyOf(r).startsWith(site.siteId() + "/")).count() >= 2,
            Duration.ofSeconds(10));
    assertThat(records.stream().map(ServerEventsIT::keyOf).filter(k -> k.startsWith(site.siteId())))
        .containsExactlyInAnyOrder(site.siteId() + "/" + first, site.siteId() + "/" + third);
  }

  @Test
  void shouldRefuseTheWholeBatchWhenOneEventClaimsAnotherSite() {
    String eventId = "b-" + UUID.randomUUID();
    String foreign = anEvent().with("site_id", "someone-else").text();

    postBatch("{\"events\": [" + event(eventId) + ", " + foreign + "]}")
        .statusCode(403)
        .body("detail", equalTo("site_id does not match the API key's site"));

    String marker = "b-" + UUID.randomUUID();
    postBatch("{\"events\": [" + event(marker) + "]}").statusCode(200);
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicRecords.readUntil(
            kafka,
            Topics.SERVER_EVENTS.name(),
            all -> all.stream().anyMatch(r -> keyOf(r).endsWith(marker)),
            Duration.ofSeconds(10));
    assertThat(records).noneMatch(r -> keyOf(r).endsWith(eventId));
  }

  @Test
  void shouldRefuseABadEnvelopeWith422() {
    postBatch("{\"events\": []}")
        .statusCode(422)
        .body("detail[0].loc", equalTo(List.of("body", "events")))
        .body("detail[0].type", equalTo("value_error.list.min_items"));
    postBatch("{}").statusCode(422).body("detail[0].type", equalTo("value_error.missing"));
    postBatch("{\"events\": 3}").statusCode(422).body("detail[0].type", equalTo("type_error.list"));
    postBatch("[]").statusCode(422).body("detail[0].type", equalTo("type_error.dict"));
    postBatch("{\"events\": [")
        .statusCode(422)
        .body("detail[0].type", equalTo("value_error.jsondecode"));
  }

  @Test
  void shouldRefuseMoreThan500Events() {
    String events = String.join(",", Collections.nCopies(501, event("same")));

    postBatch("{\"events\": [" + events + "]}")
        .statusCode(422)
        .body("detail[0].msg", equalTo("ensure this value has at most 500 items"));
  }

  @Test
  void shouldAccept500EventsInOneRequest() {
    List<String> events = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      events.add(event("bulk-" + i + "-" + UUID.randomUUID()));
    }

    postBatch("{\"events\": [" + String.join(",", events) + "]}")
        .statusCode(200)
        .body("accepted", equalTo(500))
        .body("results[499].index", equalTo(499));
  }

  @Test
  void shouldRefuseABatchOver1Mb() {
    String padding = "x".repeat(1024 * 1024);

    postBatch("{\"events\": [" + event("big") + "], \"padding\": \"" + padding + "\"}")
        .statusCode(413)
        .body("detail", equalTo("Request body exceeds 1048576 bytes"));
  }

  @Test
  void shouldRejectAnEventThatIsNotAnObject() {
    postBatch("{\"events\": [" + event("ok-" + UUID.randomUUID()) + ", 7]}")
        .statusCode(200)
        .body("accepted", equalTo(1))
        .body("results[1].detail[0].loc", equalTo(List.of("body", "events", 1)))
        .body("results[1].detail[0].type", equalTo("type_error.dict"));
  }
}
