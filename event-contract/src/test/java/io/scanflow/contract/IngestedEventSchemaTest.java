package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link IngestedEvent#violations()}, read through the topic's serde as every stage reads it, must
 * judge a record as {@code ingested-event.schema.json} does: many records, valid and invalid, each
 * checked by both and by a JSON Schema validator that asserts formats.
 */
class IngestedEventSchemaTest {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final String UUID = "6f1c2a4e-8a57-4c1e-9d1a-3b2f1e0c9a77";
  private static final String HASH = "0123456789abcdef".repeat(4);
  private static Schema schema;

  @BeforeAll
  static void loadSchema() throws IOException {
    try (InputStream in =
        IngestedEventSchemaTest.class.getResourceAsStream("/schemas/ingested-event.schema.json")) {
      schema =
          SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
              .getSchema(new String(in.readAllBytes(), StandardCharsets.UTF_8), InputFormat.JSON);
    }
  }

  /** A record that keeps every rule, with every optional field present. */
  static ObjectNode aValidRecord() {
    ObjectNode json = JSON.objectNode();
    json.put("schema_version", 1);
    json.put("ingest_id", "00000000-0000-4000-8000-000000000001");
    json.put("event_id", "order-1");
    json.put("event_id_generated", false);
    json.put("site_id", "shop");
    json.put("api_key_id", "key-1");
    json.put("event_name", "purchase");
    json.put("scan_session_id", UUID);
    json.put("event_time", "2026-11-26T08:15:30.123Z");
    json.put("received_at", "2026-11-26T08:15:31Z");
    json.putObject("properties").put("plan", "pro");
    json.putObject("conversion_value").put("amount", new java.math.BigDecimal("19.90"));
    ((ObjectNode) json.get("conversion_value")).put("currency", "EUR");
    json.putObject("user_identifiers").put("email_hash", HASH).put("phone_hash", HASH);
    json.put("test", false);
    return json;
  }

  /** One change to {@link #aValidRecord()}, named for the test report. */
  record Variant(String name, Consumer<ObjectNode> change) {
    ObjectNode apply() {
      ObjectNode json = aValidRecord();
      change.accept(json);
      return json;
    }

    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Variant> variants() {
    List<Variant> all = new ArrayList<>();
    all.add(new Variant("unchanged", json -> {}));
    all.add(new Variant("unknown top-level field", json -> json.put("extra", 1)));
    for (String field : fields()) {
      all.add(new Variant(field + " absent", json -> json.remove(field)));
      all.add(new Variant(field + " null", json -> json.putNull(field)));
      for (JsonNode value : wrongTypes()) {
        all.add(new Variant(field + " = " + value, json -> json.set(field, value)));
      }
    }
    all.addAll(
        values("schema_version", JSON.numberNode(0), JSON.numberNode(2), JSON.numberNode(1)));
    all.addAll(texts("event_id", 128));
    all.addAll(texts("event_name", 128));
    all.addAll(texts("site_id", 64));
    all.addAll(strings("api_key_id", "", " ", "k".repeat(500)));
    all.addAll(uuids("ingest_id"));
    all.addAll(uuids("scan_session_id"));
    all.addAll(dateTimes("event_time"));
    all.addAll(dateTimes("received_at"));
    all.addAll(values("event_id_generated", JSON.booleanNode(true)));
    all.addAll(values("test", JSON.booleanNode(true)));
    all.addAll(
        values("properties", JSON.objectNode(), JSON.objectNode().set("a", JSON.arrayNode())));
    all.addAll(conversionValues());
    all.addAll(userIdentifiers());
    return all.stream();
  }

  /**
   * Records the schema refuses only for how a value is written, which reading turns into a valid
   * value: Jackson's usual coercions (a number or boolean where text belongs, a number for a
   * boolean, a float for an integer), an instant as epoch seconds or at 24:00, a padded UUID, an
   * absent or null boolean (read as false), a null hash (read as absent), an unknown member of a
   * nested object (dropped). What a stage writes back for these keeps the schema, so none of them
   * can fail a later stage; any other difference between reader and schema fails this test.
   */
  private static final Set<String> NORMALISED_ON_READ =
      Set.of(
          "test null",
          "test = 7",
          "event_id_generated absent",
          "event_id_generated null",
          "event_id_generated = 7",
          "schema_version = 1.5",
          "event_id = 7",
          "event_id = 1.5",
          "event_id = true",
          "site_id = 7",
          "site_id = 1.5",
          "site_id = true",
          "api_key_id = 7",
          "api_key_id = 1.5",
          "api_key_id = true",
          "event_name = 7",
          "event_name = 1.5",
          "event_name = true",
          "event_time = 7",
          "event_time = 1.5",
          "event_time = \"1700000000\"",
          "event_time = \"2026-11-26T24:00:00Z\"",
          "received_at = 7",
          "received_at = 1.5",
          "received_at = \"1700000000\"",
          "received_at = \"2026-11-26T24:00:00Z\"",
          "ingest_id = \"" + UUID + " \"",
          "conversion_value.extra = 1",
          "user_identifiers.extra = 1",
          "user_identifiers.email_hash = null");

  @ParameterizedTest(name = "{0}")
  @MethodSource("variants")
  void shouldJudgeEveryRecordAsTheSchemaDoes(Variant variant) {
    String json = variant.apply().toString();
    List<Error> schemaErrors = schemaErrors(json);
    boolean normalised = NORMALISED_ON_READ.contains(variant.name());

    assertThat(readerVerdict(json))
        .as("%s: schema says %s", variant, schemaErrors)
        .isEqualTo(schemaErrors.isEmpty() || normalised ? "accepted" : "refused");
    if (normalised) {
      assertThat(schemaErrors).as("%s is refused by the schema", variant).isNotEmpty();
      assertThat(schemaErrors(writtenBack(json))).as("%s as written back", variant).isEmpty();
    }
  }

  @Test
  void shouldNameEveryBrokenRule() {
    IngestedEvent event =
        ContractJsonTest.anEvent().toBuilder()
            .eventId("", false)
            .siteId(null)
            .scanSessionId("not-a-uuid")
            .eventTime(null)
            .conversionValue(new ConversionValue(new java.math.BigDecimal("-1"), "eur"))
            .build();

    assertThat(event.violations().messages())
        .containsExactly(
            "event_id must be 1 to 128 characters long",
            "site_id is required",
            "scan_session_id must be a UUID",
            "event_time is required",
            "conversion_value.amount must not be negative",
            "conversion_value.currency must match [A-Z]{3}");
    assertThat(ContractJsonTest.anEvent().violations().isEmpty()).isTrue();
    assertThat(IngestedEvent.violationsOf(null).summary()).isEqualTo("record has no value");
  }

  private static String writtenBack(String json) {
    Serde<IngestedEvent> serde = Topics.SERVER_EVENTS.valueSerde();
    IngestedEvent event = serde.deserializer().deserialize("server-events", utf8(json));
    return new String(serde.serializer().serialize("server-events", event), StandardCharsets.UTF_8);
  }

  private static List<Error> schemaErrors(String json) {
    return schema.validate(
        json,
        InputFormat.JSON,
        context -> context.executionConfig(config -> config.formatAssertionsEnabled(true)));
  }

  /** "accepted" when a stage reads the record and finds no violation; "refused" otherwise. */
  private static String readerVerdict(String json) {
    IngestedEvent event;
    try {
      event =
          Topics.SERVER_EVENTS.valueSerde().deserializer().deserialize("server-events", utf8(json));
    } catch (SerializationException unreadable) {
      return "refused";
    }
    return IngestedEvent.violationsOf(event).isEmpty() ? "accepted" : "refused";
  }

  private static byte[] utf8(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  private static List<String> fields() {
    List<String> names = new ArrayList<>();
    aValidRecord().fieldNames().forEachRemaining(names::add);
    return names;
  }

  private static List<JsonNode> wrongTypes() {
    return List.of(
        JSON.numberNode(7),
        JSON.numberNode(new java.math.BigDecimal("1.5")),
        JSON.booleanNode(true),
        JSON.textNode("x"),
        JSON.objectNode(),
        JSON.arrayNode());
  }

  private static List<Variant> values(String field, JsonNode... values) {
    List<Variant> variants = new ArrayList<>();
    for (JsonNode value : values) {
      variants.add(new Variant(field + " = " + value, json -> json.set(field, value)));
    }
    return variants;
  }

  private static List<Variant> strings(String field, String... values) {
    return values(field, Stream.of(values).map(JSON::textNode).toArray(JsonNode[]::new));
  }

  /** Lengths at and past both bounds, counted in code points (an emoji is two chars). */
  private static List<Variant> texts(String field, int max) {
    String emoji = "\uD83D\uDE00";
    return strings(
        field,
        "",
        " ",
        "a",
        "x".repeat(max),
        "x".repeat(max + 1),
        emoji.repeat(max),
        emoji.repeat(max + 1),
        "ü".repeat(max));
  }

  private static List<Variant> uuids(String field) {
    return strings(
        field,
        UUID.toUpperCase(java.util.Locale.ROOT),
        UUID.replace("-", ""),
        UUID.substring(1),
        "{" + UUID + "}",
        UUID + " ",
        "g" + UUID.substring(1),
        "not-a-uuid");
  }

  private static List<Variant> dateTimes(String field) {
    return strings(
        field,
        "2026-11-26T08:15:30Z",
        "2026-11-26T08:15:30.123456789Z",
        "2026-11-26T09:15:30+01:00",
        "2026-11-26T08:15:30-00:00",
        "2026-11-26t08:15:30z",
        "2026-11-26T08:15:30",
        "2026-11-26 08:15:30Z",
        "2026-11-26",
        "08:15:30Z",
        "2026-02-30T08:15:30Z",
        "2026-11-26T24:00:00Z",
        "2026-13-26T08:15:30Z",
        "0000-01-01T00:00:00Z",
        "9999-12-31T23:59:59Z",
        "+10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "1700000000",
        "");
  }

  private static List<Variant> conversionValues() {
    List<Variant> variants = new ArrayList<>();
    variants.addAll(
        values(
            "conversion_value",
            value("0", "EUR"),
            value("0.000001", "USD"),
            value("999999999999999999.999999", "JPY"),
            value("1E+2", "EUR"),
            value("-0.01", "EUR"),
            value("19.90", "eur"),
            value("19.90", "EURO"),
            value("19.90", "EU"),
            value("19.90", ""),
            value("19.90", "EUR\n"),
            JSON.objectNode().put("amount", 1),
            JSON.objectNode().put("currency", "EUR"),
            JSON.objectNode()));
    for (JsonNode wrong : wrongTypes()) {
      variants.add(nested("conversion_value", "amount", wrong));
      variants.add(nested("conversion_value", "currency", wrong));
    }
    variants.add(nested("conversion_value", "amount", JSON.nullNode()));
    variants.add(nested("conversion_value", "currency", JSON.nullNode()));
    variants.add(nested("conversion_value", "extra", JSON.numberNode(1)));
    return variants;
  }

  private static List<Variant> userIdentifiers() {
    List<Variant> variants = new ArrayList<>();
    variants.addAll(
        values(
            "user_identifiers",
            JSON.objectNode(),
            JSON.objectNode().put("email_hash", HASH),
            JSON.objectNode().put("phone_hash", HASH)));
    for (String hash :
        List.of(
            HASH.toUpperCase(java.util.Locale.ROOT),
            HASH.substring(1),
            HASH + "0",
            HASH + "\n",
            "")) {
      variants.add(nested("user_identifiers", "email_hash", JSON.textNode(hash)));
      variants.add(nested("user_identifiers", "phone_hash", JSON.textNode(hash)));
    }
    for (JsonNode wrong : wrongTypes()) {
      variants.add(nested("user_identifiers", "email_hash", wrong));
    }
    variants.add(nested("user_identifiers", "email_hash", JSON.nullNode()));
    variants.add(nested("user_identifiers", "extra", JSON.numberNode(1)));
    return variants;
  }

  private static ObjectNode value(String amount, String currency) {
    return JSON.objectNode()
        .put("amount", new java.math.BigDecimal(amount))
        .put("currency", currency);
  }

  private static Variant nested(String object, String field, JsonNode value) {
    return new Variant(
        object + "." + field + " = " + value,
        json -> ((ObjectNode) json.get(object)).set(field, value));
  }
}
