package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The published JSON Schemas must describe exactly what the records write, field for field. */
class JsonSchemaContractTest {
  private static final Instant AT = Instant.parse("2026-11-26T08:15:30.123Z");

  static Stream<Arguments> recordsAndTheirSchemas() {
    IngestedEvent event = ContractJsonTest.anEvent();
    ScanSession session = new ScanSession(event.scanSessionId(), "shop", "qr-7", "xmas", AT);
    return Stream.of(
        Arguments.of("ingested-event", event),
        Arguments.of("duplicate-event", new DuplicateEvent(event, UUID.randomUUID(), AT)),
        Arguments.of(
            "attributed-event",
            new AttributedEvent(event, Attribution.attributed(session), AT.plusSeconds(1))),
        Arguments.of(
            "attributed-event",
            new AttributedEvent(event, Attribution.pending(AT.plusSeconds(60)), AT)),
        Arguments.of("scan-session", session),
        Arguments.of("tracking-site", new TrackingSite("shop", "Shop", 30, AT)),
        Arguments.of("tracking-site", new TrackingSite("shop", "Shop", 30, AT, "Europe/Berlin")),
        Arguments.of("api-key", new ApiKey("key-1", "shop", "sf_live_ab", AT, AT)),
        Arguments.of(
            "request-rejection",
            new RequestRejection(
                "shop",
                AT,
                "/server-events",
                422,
                "order-1",
                ContractJson.mapper().getNodeFactory().textNode("invalid"))),
        Arguments.of(
            "request-rejection",
            new RequestRejection(
                "shop",
                AT,
                "/server-events/batch",
                503,
                null,
                ContractJson.mapper()
                    .getNodeFactory()
                    .textNode("Ingest is at capacity, retry later"))));
  }

  @Test
  void shouldAllowExactlyTheStatusesTheRejectionLogHolds() throws IOException {
    List<Integer> statuses = new ArrayList<>();
    schema("request-rejection")
        .get("properties")
        .get("status")
        .get("enum")
        .forEach(s -> statuses.add(s.asInt()));

    assertThat(statuses).containsExactlyElementsOf(RequestRejection.STATUSES);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordsAndTheirSchemas")
  void shouldDeclareEveryFieldTheRecordWritesAndNoOther(String schemaName, Object value)
      throws IOException {
    JsonNode schema = schema(schemaName);
    JsonNode json = ContractJson.mapper().valueToTree(value);

    assertThat(fieldNames(json))
        .containsExactlyInAnyOrderElementsOf(fieldNames(schema.get("properties")));
    for (JsonNode required : schema.get("required")) {
      assertThat(json.has(required.asText())).as(required.asText()).isTrue();
    }
  }

  @Test
  void shouldDeclareEveryAttributionFieldAndEveryStatus() throws IOException {
    JsonNode attribution = schema("attributed-event").get("properties").get("attribution");
    JsonNode pending = ContractJson.mapper().valueToTree(Attribution.pending(AT.plusSeconds(60)));

    assertThat(fieldNames(pending))
        .containsExactlyInAnyOrderElementsOf(fieldNames(attribution.get("properties")));
    List<String> statuses = new ArrayList<>();
    attribution.get("properties").get("status").get("enum").forEach(s -> statuses.add(s.asText()));
    assertThat(statuses)
        .containsExactlyInAnyOrderElementsOf(
            Stream.of(AttributionStatus.values()).map(AttributionStatus::wireName).toList());
    assertThat(pending.get("status").asText()).isEqualTo("pending");
    assertThat(pending.get("pending_until").asText()).isEqualTo("2026-11-26T08:16:30.123Z");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("recordsAndTheirSchemas")
  void shouldPublishSchemaWithIdAndTitle(String schemaName, Object value) throws IOException {
    JsonNode schema = schema(schemaName);
    assertThat(schema.get("$id").asText()).endsWith(schemaName + ".schema.json");
    assertThat(schema.get("title").asText()).isEqualTo(value.getClass().getSimpleName());
  }

  private static JsonNode schema(String name) throws IOException {
    try (InputStream in =
        JsonSchemaContractTest.class.getResourceAsStream("/schemas/" + name + ".schema.json")) {
      assertThat(in).as("schema " + name).isNotNull();
      return ContractJson.mapper().readTree(in);
    }
  }

  private static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
