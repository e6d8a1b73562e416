package io.scanflow.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class ReplayEventsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");

  private static ReplayEvents events(long count, int duplicatePercent, int unknownPercent) {
    return new ReplayEvents(
        "demo", "run1", count, 20, duplicatePercent, unknownPercent, START, Duration.ofHours(1));
  }

  @Test
  void shouldCountDuplicatesAsTheReceiptsThatAreDuplicates() {
    for (long count : new long[] {0, 1, 99, 100, 101, 150, 1_000, 12_345}) {
      ReplayEvents events = events(count, 3, 1);
      long counted = LongStream.range(0, count).filter(events::isDuplicate).count();
      assertThat(events.duplicates()).as("count %d", count).isEqualTo(counted);
    }
  }

  @Test
  void shouldResendTheSameEventWithANewReceiptWhenDuplicate() throws Exception {
    ReplayEvents events = events(1_000, 2, 1);
    JsonNode original = json(events.receipt(150));
    JsonNode duplicate = json(events.receipt(200));

    assertThat(events.isDuplicate(200)).isTrue();
    assertThat(events.receipt(200).key()).isEqualTo(events.receipt(150).key());
    assertThat(duplicate.get("event_id")).isEqualTo(original.get("event_id"));
    assertThat(duplicate.get("scan_session_id")).isEqualTo(original.get("scan_session_id"));
    assertThat(duplicate.get("properties")).isEqualTo(original.get("properties"));
    assertThat(duplicate.get("ingest_id")).isNotEqualTo(original.get("ingest_id"));
    assertThat(events.receipt(200).timestamp()).isGreaterThan(events.receipt(150).timestamp());
  }

  @Test
  void shouldWriteTheIngestedEventContractKeyedBySiteAndEvent() throws Exception {
    ReplayEvents.Record record = events(10, 0, 0).receipt(3);
    JsonNode event = json(record);

    assertThat(record.key()).isEqualTo("demo/" + event.get("event_id").asText());
    assertThat(record.timestamp())
        .isEqualTo(Instant.parse(event.get("received_at").asText()).toEpochMilli());
    assertThat(event.get("schema_version").asInt()).isEqualTo(1);
    assertThat(event.get("event_id_generated").asBoolean()).isFalse();
    for (String field :
        new String[] {"ingest_id", "site_id", "api_key_id", "event_name", "event_time"}) {
      assertThat(event.hasNonNull(field)).as(field).isTrue();
    }
  }

  @Test
  void shouldNameAKnownSessionExceptForTheUnknownSessionShare() throws Exception {
    ReplayEvents events = events(10_000, 0, 5);
    Set<String> known = new HashSet<>();
    for (ReplayEvents.Record session : events.sessions()) {
      known.add(session.key());
    }
    long unknown =
        LongStream.range(0, 10_000)
            .filter(i -> !known.contains(text(events.receipt(i), "scan_session_id")))
            .count();

    assertThat(known).hasSize(20);
    assertThat(unknown).isEqualTo(500);
  }

  @Test
  void shouldRefuseMoreThanHalfDuplicates() {
    assertThatThrownBy(() -> events(10, 51, 0)).isInstanceOf(IllegalArgumentException.class);
  }

  private static String text(ReplayEvents.Record record, String field) {
    try {
      return json(record).get(field).asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode json(ReplayEvents.Record record) throws Exception {
    return JSON.readTree(record.value());
  }
}
