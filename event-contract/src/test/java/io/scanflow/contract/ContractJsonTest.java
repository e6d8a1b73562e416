package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractJsonTest {
  private static final Instant RECEIVED = Instant.parse("2026-11-26T08:15:30.123Z");

  static IngestedEvent anEvent() {
    ObjectNode properties = ContractJson.mapper().createObjectNode().put("order_id", "A-1");
    return new IngestedEvent(
        IngestedEvent.SCHEMA_VERSION,
        UUID.fromString("00000000-0000-4000-8000-000000000001"),
        "evt-1",
        false,
        "shop",
        "key-1",
        "purchase",
        "6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77",
        RECEIVED,
        RECEIVED,
        properties,
        new ConversionValue(new BigDecimal("19.90"), "EUR"),
        new UserIdentifiers("a".repeat(64), null),
        false);
  }

  @Test
  void shouldWriteIngestedEventWithSnakeCaseFieldsAndUtcTimestamps() throws Exception {
    JsonNode json =
        ContractJson.mapper()
            .readTree(serde(IngestedEvent.class).serializer().serialize("t", anEvent()));

    assertThat(json.get("schema_version").asInt()).isEqualTo(1);
    assertThat(json.get("event_time").asText()).isEqualTo("2026-11-26T08:15:30.123Z");
    assertThat(json.get("conversion_value").get("amount").decimalValue())
        .isEqualByComparingTo("19.90");
    assertThat(json.get("user_identifiers").has("phone_hash")).isFalse();
  }

  @Test
  void shouldRoundTripIngestedEventWithExactAmount() {
    IngestedEvent event = anEvent();
    assertThat(roundTrip(IngestedEvent.class, event)).isEqualTo(event);
    assertThat(roundTrip(IngestedEvent.class, event).conversionValue().amount())
        .isEqualTo(new BigDecimal("19.90"));
  }

  @Test
  void shouldCarryTheTestMarkThroughEveryRecordThatHoldsTheEvent() {
    IngestedEvent test = anEvent().toBuilder().test(true).build();
    DuplicateEvent duplicate = new DuplicateEvent(test, UUID.randomUUID(), RECEIVED);
    AttributedEvent attributed =
        new AttributedEvent(
            test, Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND), RECEIVED);

    assertThat(ContractJson.mapper().valueToTree(test).get("test").asBoolean()).isTrue();
    assertThat(roundTrip(IngestedEvent.class, test).test()).isTrue();
    assertThat(roundTrip(DuplicateEvent.class, duplicate).event().test()).isTrue();
    assertThat(roundTrip(AttributedEvent.class, attributed).event().test()).isTrue();
  }

  @Test
  void shouldReadARecordWrittenWithoutTheTestFieldAsNoTestEvent() throws Exception {
    ObjectNode json = ContractJson.mapper().valueToTree(anEvent().toBuilder().test(true).build());
    json.remove("test");

    assertThat(ContractJson.mapper().treeToValue(json, IngestedEvent.class).test()).isFalse();
    assertThat(anEvent().test()).isFalse();
  }

  @Test
  void shouldFlattenDuplicateEventAndReadItBack() throws Exception {
    DuplicateEvent duplicate =
        new DuplicateEvent(anEvent(), UUID.randomUUID(), RECEIVED.minusSeconds(5));
    JsonNode json = ContractJson.mapper().valueToTree(duplicate);

    assertThat(json.get("event_id").asText()).isEqualTo("evt-1");
    assertThat(json.has("first_ingest_id")).isTrue();
    assertThat(json.has("event")).isFalse();
    assertThat(roundTrip(DuplicateEvent.class, duplicate)).isEqualTo(duplicate);
  }

  @Test
  void shouldFlattenAttributedEventAndReadItBack() {
    ScanSession session =
        new ScanSession("6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77", "shop", "qr-7", "xmas", RECEIVED);
    AttributedEvent attributed =
        new AttributedEvent(anEvent(), Attribution.attributed(session), RECEIVED.plusSeconds(1));
    JsonNode json = ContractJson.mapper().valueToTree(attributed);

    assertThat(json.get("attribution").get("status").asText()).isEqualTo("attributed");
    assertThat(json.get("attribution").get("reason").isNull()).isTrue();
    assertThat(json.get("site_id").asText()).isEqualTo("shop");
    assertThat(roundTrip(AttributedEvent.class, attributed)).isEqualTo(attributed);
  }

  @Test
  void shouldNameUnattributedReasonInSnakeCase() {
    JsonNode json =
        ContractJson.mapper()
            .valueToTree(Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND));
    assertThat(json.get("reason").asText()).isEqualTo("session_not_found");
    assertThat(json.get("status").asText()).isEqualTo("unattributed");
  }

  private static <T> JsonSerde<T> serde(Class<T> type) {
    return new JsonSerde<>(type);
  }

  private static <T> T roundTrip(Class<T> type, T value) {
    JsonSerde<T> serde = serde(type);
    return serde.deserializer().deserialize("t", serde.serializer().serialize("t", value));
  }
}
