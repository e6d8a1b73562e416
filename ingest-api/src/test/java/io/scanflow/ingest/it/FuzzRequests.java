package io.scanflow.ingest.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.ContractJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.Function;

/**
 * Builds the mutated requests of {@link IngestFuzzIT}: a valid body for one of the four POST
 * endpoints, then zero or more mutations of its tree, its text, its bytes and its content type.
 * Request {@code n} of seed {@code s} is always the same request, so a failure can be replayed.
 */
final class FuzzRequests {
  static final List<String> ENDPOINTS =
      List.of(
          "/server-events", "/server-events/batch", "/server-events/validate", "/scan-sessions");

  private static final String SLOT = "__fuzz_slot__";
  private static final List<String> CONTENT_TYPES =
      List.of(
          "application/json",
          "application/json; charset=utf-8",
          "text/plain",
          "application/x-www-form-urlencoded",
          "multipart/form-data; boundary=xyz",
          "application/xml",
          "application/octet-stream",
          "application/json; charset=latin1",
          "*/*",
          "nonsense");

  /** One request to send: where, with which content type (null: none) and what body. */
  record FuzzRequest(int number, String endpoint, String contentType, byte[] body, String story) {
    @Override
    public String toString() {
      String text = new String(body, StandardCharsets.UTF_8);
      return "#"
          + number
          + " POST "
          + endpoint
          + " ["
          + contentType
          + "] "
          + story
          + " body("
          + body.length
          + " bytes): "
          + (text.length() > 300 ? text.substring(0, 300) + "…" : text);
    }
  }

  private final long seed;
  private final String siteId;

  FuzzRequests(long seed, String siteId) {
    this.seed = seed;
    this.siteId = siteId;
  }

  FuzzRequest request(int number) {
    // Mixed first: java.util.Random's first draws from neighbouring seeds are correlated.
    Random random = new Random(new SplittableRandom(seed + number).nextLong());
    String endpoint = ENDPOINTS.get(random.nextInt(ENDPOINTS.size()));
    List<String> story = new ArrayList<>();
    ObjectNode tree = validBody(endpoint, number, random);
    String literal = null;
    int mutations = random.nextInt(10) < 2 ? 0 : 1 + random.nextInt(3);
    for (int i = 0; i < mutations; i++) {
      int kind = random.nextInt(4);
      if (kind == 0) {
        story.add("remove " + removeField(tree, random));
      } else if (literal == null) {
        literal = rawLiteral(random);
        story.add("slot " + placeSlot(tree, random) + "=" + shorten(literal));
      }
    }
    String text = tree.toString();
    if (literal != null) {
      text = text.replace("\"" + SLOT + "\"", literal);
    }
    if (random.nextInt(20) == 0) {
      String duplicate = random.nextBoolean() ? "site_id" : "event_name";
      String first = "{\"" + duplicate + "\": " + rawLiteral(random) + ", ";
      text = first + text.substring(1);
      story.add("duplicate " + duplicate);
    }
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (random.nextInt(8) == 0) {
      body = mutateBytes(body, random, story);
    }
    String contentType = random.nextInt(3) == 0 ? null : pick(CONTENT_TYPES, random);
    return new FuzzRequest(number, endpoint, contentType, body, String.join("; ", story));
  }

  private ObjectNode validBody(String endpoint, int number, Random random) {
    return switch (endpoint) {
      case "/server-events/batch" -> batch(number, random);
      case "/scan-sessions" -> scanSession(random);
      default -> event(number + "-0", random);
    };
  }

  private ObjectNode batch(int number, Random random) {
    ObjectNode batch = ContractJson.mapper().createObjectNode();
    ArrayNode events = batch.putArray("events");
    int size = 1 + random.nextInt(random.nextInt(10) == 0 ? 40 : 5);
    for (int i = 0; i < size; i++) {
      events.add(event(number + "-" + i, random));
    }
    return batch;
  }

  private ObjectNode event(String suffix, Random random) {
    ObjectNode event = ContractJson.mapper().createObjectNode();
    event.put("site_id", siteId);
    event.put("event_name", pick(List.of("purchase", "signup", "Kauf 😀", "add_to_cart"), random));
    event.put("scan_session_id", new UUID(random.nextLong(), random.nextLong()).toString());
    event.put("event_id", "fz-" + suffix);
    if (random.nextBoolean()) {
      event.put("event_time", Instant.now().minusSeconds(random.nextInt(3600)).toString());
    }
    if (random.nextBoolean()) {
      ObjectNode properties = event.putObject("properties");
      properties.put("order_id", "A-" + random.nextInt(1000));
      properties.putArray("items").add(1).add(2.5).add("x");
      properties.putObject("nested").putObject("deeper").put("note", "שלום");
    }
    if (random.nextBoolean()) {
      ObjectNode value = event.putObject("conversion_value");
      value.put("amount", new java.math.BigDecimal(random.nextInt(100_000)).movePointLeft(2));
      value.put("currency", pick(List.of("EUR", "USD", "JPY", "CHF"), random));
    }
    if (random.nextInt(4) == 0) {
      event.putObject("user_identifiers").put("email_hash", "a".repeat(64));
    }
    return event;
  }

  private ObjectNode scanSession(Random random) {
    ObjectNode session = ContractJson.mapper().createObjectNode();
    if (random.nextBoolean()) {
      session.put("scan_session_id", new UUID(random.nextLong(), random.nextLong()).toString());
    }
    session.put("site_id", siteId);
    session.put("qr_code_id", "poster-" + random.nextInt(100));
    if (random.nextBoolean()) {
      session.put("campaign", "winter");
    }
    if (random.nextBoolean()) {
      session.put("scanned_at", Instant.now().minusSeconds(random.nextInt(3600)).toString());
    }
    return session;
  }

  /** Removes a random field of a random object in the tree; returns its name. */
  private static String removeField(ObjectNode tree, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(tree, objects);
    ObjectNode object = pick(objects, random);
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    if (names.isEmpty()) {
      return "nothing";
    }
    String name = pick(names, random);
    object.remove(name);
    return name;
  }

  /** Puts the slot at a random existing or new field of a random object, or into an array. */
  private static String placeSlot(ObjectNode tree, Random random) {
    List<ObjectNode> objects = new ArrayList<>();
    collectObjects(tree, objects);
    ObjectNode object = pick(objects, random);
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    String name =
        names.isEmpty() || random.nextInt(4) == 0
            ? "fuzz_" + random.nextInt(5)
            : pick(names, random);
    JsonNode existing = object.get(name);
    if (existing != null && existing.isArray() && random.nextBoolean()) {
      ((ArrayNode) existing).add(SLOT);
      return name + "[]";
    }
    object.put(name, SLOT);
    return name;
  }

  private static void collectObjects(JsonNode node, List<ObjectNode> objects) {
    if (node.isObject()) {
      objects.add((ObjectNode) node);
    }
    Iterator<JsonNode> children = node.elements();
    while (children.hasNext()) {
      collectObjects(children.next(), objects);
    }
  }

  /** A JSON value, or something that is almost one, written out as raw text. */
  private static String rawLiteral(Random random) {
    List<Function<Random, String>> kinds =
        List.of(
            r -> pick(HUGE_NUMBERS, r),
            r -> pick(HUGE_NUMBERS, r),
            r -> pick(ODD_STRINGS, r),
            r -> pick(ODD_STRINGS, r),
            r -> pick(WRONG_TYPES, r),
            r -> pick(NOT_QUITE_JSON, r),
            r -> "\"" + "x".repeat(r.nextInt(r.nextBoolean() ? 300 : 80_000)) + "\"",
            r -> nested(r),
            r -> "\"" + randomText(r) + "\"");
    return pick(kinds, random).apply(random);
  }

  private static final List<String> HUGE_NUMBERS =
      List.of(
          "1e999999",
          "-1e999999",
          "1e-999999",
          "1e9999999999",
          "1E+2147483648",
          "1e131071",
          "1e-16384",
          "9".repeat(300),
          "-" + "9".repeat(300) + ".5",
          "9".repeat(1001),
          "0." + "0".repeat(998) + "1",
          "1e18",
          "1e17",
          "999999999999999999.999999",
          "0.0000001",
          "12.50",
          "-0",
          "0e-9999",
          "1.7976931348623157e309");

  private static final List<String> ODD_STRINGS =
      List.of(
          "\"a\\u0000b\"",
          "\"\\u0000\"",
          "\"\\ud800\"",
          "\"x\\udc00\"",
          "\"\\udc00\\ud800\"",
          "\"\\ud83d\\ude00 emoji\"",
          "\"bell\\u0007\"",
          "\"tab\\there\"",
          "\"del\\u007f\"",
          "\"nel\\u0085\"",
          "\"line\\nbreak\"",
          "\"jane.doe@example.com\"",
          "\"\u202eRTL override\"",
          "\"\ufeffbom\"",
          "\"\"",
          "\"2026-13-45T99:99:99Z\"",
          "\"6F1C2A4E-8A57-4C1E-9D1A-3B2F1E0C9A77\"",
          "\"eur\"");

  private static final List<String> WRONG_TYPES =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "[]",
          "{}",
          "[1, \"two\", null]",
          "{\"a\": {\"b\": [null]}}",
          "{\"amount\": 1, \"currency\": \"EUR\"}");

  private static final List<String> NOT_QUITE_JSON =
      List.of(
          "NaN",
          "Infinity",
          "-",
          "01",
          "1.",
          ".5",
          "+1",
          "\"unterminated",
          "\"raw\u0001control\"",
          "\"bad escape \\x41\"",
          "\"\\u12\"",
          "undefined",
          "[1, 2",
          "{\"a\" 1}",
          "'single'");

  private static String nested(Random random) {
    int depth = pick(List.of(11, 12, 100, 999, 1000, 1001, 3000), random);
    return random.nextBoolean()
        ? "[".repeat(depth) + "]".repeat(depth)
        : "{\"a\":".repeat(depth - 1) + "{}" + "}".repeat(depth - 1);
  }

  private static String randomText(Random random) {
    StringBuilder text = new StringBuilder();
    int length = random.nextInt(40);
    for (int i = 0; i < length; i++) {
      int codePoint = random.nextInt(4) == 0 ? random.nextInt(0x20) : random.nextInt(0x3000);
      if (codePoint == '"' || codePoint == '\\' || codePoint < 0x20) {
        text.append(String.format("\\u%04x", codePoint));
      } else if (!Character.isSurrogate((char) codePoint)) {
        text.appendCodePoint(codePoint);
      }
    }
    return text.toString();
  }

  private static byte[] mutateBytes(byte[] body, Random random, List<String> story) {
    switch (random.nextInt(6)) {
      case 0 -> {
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        story.add("truncate at " + at);
        return java.util.Arrays.copyOf(body, at);
      }
      case 1 -> {
        int flips = 1 + random.nextInt(4);
        byte[] flipped = body.clone();
        for (int i = 0; i < flips && flipped.length > 0; i++) {
          flipped[random.nextInt(flipped.length)] = (byte) random.nextInt(256);
        }
        story.add("flip " + flips + " bytes");
        return flipped;
      }
      case 2 -> {
        byte[] insert =
            pick(
                List.of(
                    new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, // a UTF-8-encoded surrogate
                    new byte[] {0},
                    new byte[] {(byte) 0xC3},
                    new byte[] {(byte) 0xFF, (byte) 0xFE}),
                random);
        int at = body.length == 0 ? 0 : random.nextInt(body.length);
        story.add("insert bytes at " + at);
        byte[] longer = new byte[body.length + insert.length];
        System.arraycopy(body, 0, longer, 0, at);
        System.arraycopy(insert, 0, longer, at, insert.length);
        System.arraycopy(body, at, longer, at + insert.length, body.length - at);
        return longer;
      }
      case 3 -> {
        byte[] noise = new byte[random.nextInt(300)];
        random.nextBytes(noise);
        story.add("random bytes");
        return noise;
      }
      case 4 -> {
        story.add("BOM");
        byte[] bom = new byte[body.length + 3];
        bom[0] = (byte) 0xEF;
        bom[1] = (byte) 0xBB;
        bom[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bom, 3, body.length);
        return bom;
      }
      default -> {
        story.add("empty body");
        return new byte[0];
      }
    }
  }

  private static String shorten(String text) {
    return text.length() > 40 ? text.substring(0, 40) + "…(" + text.length() + ")" : text;
  }

  private static <T> T pick(List<T> choices, Random random) {
    return choices.get(random.nextInt(choices.size()));
  }
}
