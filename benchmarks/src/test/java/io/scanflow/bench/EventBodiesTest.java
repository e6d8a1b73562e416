package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventBodiesTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldFillTheEventIdNameAndTimeIntoAValidBody() throws Exception {
    EventBodies bodies =
        new EventBodies("demo-shop", List.of("session-1")).named("capacity-x-step-1000");
    String eventId = bodies.nextEventId();

    JsonNode event = JSON.readTree(bodies.event(eventId));

    assertThat(event.path("event_id").asText()).isEqualTo(eventId);
    assertThat(event.path("event_name").asText()).isEqualTo("capacity-x-step-1000");
    assertThat(event.path("site_id").asText()).isEqualTo("demo-shop");
    assertThat(event.path("scan_session_id").asText()).isEqualTo("session-1");
    assertThat(Instant.parse(event.path("event_time").asText()))
        .isBetween(Instant.now().minus(Duration.ofMinutes(1)), Instant.now());
    assertThat(event.at("/properties/items")).hasSize(3);
  }

  @Test
  void shouldGiveEveryEventItsOwnIdAndEachNamedSetItsOwnRun() {
    EventBodies bodies = new EventBodies("demo-shop", List.of("session-1"));
    EventBodies named = bodies.named("e2e");

    assertThat(bodies.nextEventId()).isNotEqualTo(bodies.nextEventId());
    assertThat(named.runId()).isNotEqualTo(bodies.runId());
    assertThat(bodies.eventName()).isEqualTo("purchase");
  }
}
