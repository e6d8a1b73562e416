package io.scanflow.reports;

import static io.scanflow.reports.ReportsApi.json;
import static io.scanflow.reports.TestEvents.anEvent;
import static io.scanflow.reports.TestEvents.duplicateOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.testsupport.InjectKafka;
import io.scanflow.testsupport.KafkaTestCluster;
import io.scanflow.testsupport.KafkaTestResource;
import io.scanflow.testsupport.PostgresTestResource;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Test events ("test": true) are stored, listed and traced, and left out of every figure. */
@QuarkusTest
@QuarkusTestResource(KafkaTestResource.class)
@QuarkusTestResource(PostgresTestResource.class)
class TestEventsIT {
  @InjectKafka KafkaTestCluster kafka;

  @Test
  void shouldShowATestEventButCountOnlyTheRealOne() {
    String site = "site-" + UUID.randomUUID();
    String base = "/api/sites/" + site;
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Shop");
      AttributedEvent real = anEvent(site).withValue("10.00", "EUR").build();
      AttributedEvent test =
          anEvent(site).asTest().withValue("99.00", "EUR").attributedTo("qr-test").build();
      publisher.attributed(real, test);
      // Delivered twice, as after a restart: still nothing counted.
      publisher.attributed(test);
      publisher.duplicates(duplicateOf(test), duplicateOf(real));

      await().atMost(Duration.ofSeconds(30)).until(() -> json(base + "/events").size() == 4);
    }

    JsonNode summary = json(base + "/summary");
    assertThat(summary.get("events").asLong()).isEqualTo(1);
    assertThat(summary.get("attributed").asLong()).isEqualTo(1);
    assertThat(summary.get("duplicates").asLong()).isEqualTo(1);
    assertThat(summary.at("/conversion_value/0/amount").decimalValue())
        .isEqualByComparingTo("10.00");
    assertThat(summary.get("conversion_value").size()).isEqualTo(1);
    assertThat(summary.get("by_qr_code").findValuesAsText("qr_code_id")).containsExactly("qr-1");
    long perDay = 0;
    for (JsonNode day : summary.get("by_day")) {
      perDay += day.get("events").asLong() + day.get("duplicates").asLong();
    }
    assertThat(perDay).isEqualTo(2);

    Map<String, Boolean> testByStatus = new HashMap<>();
    json(base + "/events")
        .forEach(
            r ->
                testByStatus.merge(
                    r.get("status").asText() + ":" + r.get("test").asBoolean(), true, (a, b) -> a));
    assertThat(testByStatus.keySet())
        .containsExactlyInAnyOrder(
            "counted:true", "counted:false", "duplicate:true", "duplicate:false");
  }

  @Test
  void shouldMarkTheTraceOfATestEvent() {
    String site = "site-" + UUID.randomUUID();
    AttributedEvent test = anEvent(site).asTest().build();
    AttributedEvent real = anEvent(site).build();
    try (TopicPublisher publisher = new TopicPublisher(kafka)) {
      publisher.site(site, "Shop");
      publisher.attributed(test, real);
    }
    String path = "/api/sites/" + site + "/events/";
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> ReportsApi.asAdmin(path + real.event().eventId()).statusCode() == 200);

    assertThat(json(path + test.event().eventId()).get("test").asBoolean()).isTrue();
    assertThat(json(path + real.event().eventId()).get("test").asBoolean()).isFalse();
  }
}
