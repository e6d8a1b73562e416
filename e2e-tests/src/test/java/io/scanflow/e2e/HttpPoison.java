package io.scanflow.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A request body that ingest must refuse (http-api.md §2, "What ingest accepts, every stage and
 * store can hold"): a valid body with one poison applied, and where the 422 must point.
 *
 * @param loc the expected {@code loc} below {@code "body"} (for a batch: below {@code "body",
 *     "events", i}); null where any loc will do (a body the JSON parser itself refuses)
 * @param locIsPrefix whether a longer {@code loc} also points at the poison (e.g. a property key)
 * @param type the expected error type, or null where the spec leaves it open
 */
record HttpPoison(
    String name, Consumer<ObjectNode> apply, List<Object> loc, boolean locIsPrefix, String type) {
  static final String CONTROL_CHAR = "value_error.control_char";
  static final String DECIMAL_BOUNDS = "value_error.decimal.bounds";
  static final String NUMBER_BOUNDS = "value_error.number.bounds";

  @Override
  public String toString() {
    return name;
  }

  /** The poisoned copy of {@code valid}. */
  ObjectNode poison(ObjectNode valid) {
    ObjectNode body = valid.deepCopy();
    apply.accept(body);
    return body;
  }

  /** A single request was refused with 422 and a problem at the poison. */
  void assertRefusedBy(ScanflowClient.Answer answer, Object endpoint) {
    assertThat(answer.status())
        .as("%s on %s: status, body %s", this, endpoint, answer.body())
        .isEqualTo(422);
    assertPointedAt(answer.body().path("detail"), List.of("body"), answer);
  }

  /**
   * A batch of just this poisoned event was refused: 200 with the event rejected and nothing
   * accepted (http-api.md §4), or 422 for the whole request when the parser refuses the body. A
   * poisoned {@code site_id} differs from the key's site, which §4 refuses for the whole batch with
   * 403 before looking at single events.
   */
  void assertRefusedInBatch(ScanflowClient.Answer answer) {
    if (List.of("site_id").equals(loc) && answer.status() == 403) {
      assertThat(answer.body().path("detail").asText())
          .as("%s in a batch", this)
          .isEqualTo("site_id does not match the API key's site");
      return;
    }
    assertThat(answer.status())
        .as("%s in a batch: status, body %s", this, answer.body())
        .isIn(200, 422);
    JsonNode detail = answer.body().path("detail");
    if (answer.status() == 200) {
      assertThat(answer.body().path("accepted").asInt())
          .as("%s in a batch: accepted in %s", this, answer.body())
          .isZero();
      detail = answer.body().path("results").path(0).path("detail");
    }
    assertPointedAt(detail, List.of("body", "events", 0), answer);
  }

  private void assertPointedAt(JsonNode detail, List<Object> prefix, ScanflowClient.Answer answer) {
    assertThat(isPointedAtBy(detail, prefix))
        .as("%s: a problem at %s + %s (type %s) in %s", this, prefix, loc, type, answer.body())
        .isTrue();
  }

  /** Whether a {@code detail} list has an entry at {@code prefix + loc} of the expected type. */
  boolean isPointedAtBy(JsonNode detail, List<Object> prefix) {
    List<String> expected = new ArrayList<>();
    prefix.forEach(part -> expected.add(part.toString()));
    if (loc != null) {
      loc.forEach(part -> expected.add(part.toString()));
    }
    for (JsonNode problem : detail) {
      List<String> actual = new ArrayList<>();
      problem.path("loc").forEach(part -> actual.add(part.asText()));
      boolean at =
          loc == null
              || (locIsPrefix
                  ? actual.size() >= expected.size()
                      && actual.subList(0, expected.size()).equals(expected)
                  : actual.equals(expected));
      if (at && (type == null || type.equals(problem.path("type").asText()))) {
        return true;
      }
    }
    return false;
  }

  /** Every poison of a server event, each in a body that is otherwise valid. */
  static List<HttpPoison> ofEvents() {
    return List.of(
        at(
            "U+0000 in a property value",
            b -> props(b).put("note", "a\u0000b"),
            "properties",
            "note"),
        under("U+0000 in a property key", b -> props(b).put("a\u0000b", "x"), "properties"),
        at(
            "U+0000 in a nested property value",
            b -> props(b).putObject("cart").putObject("coupon").put("code", "X\u0000"),
            "properties",
            "cart",
            "coupon",
            "code"),
        control("U+0000 in event_id", b -> b.put("event_id", "order-\u0000-1"), "event_id"),
        control("U+0000 in event_name", b -> b.put("event_name", "purchase\u0000"), "event_name"),
        at("U+0000 in an ignored top-level field", b -> b.put("comment", "a\u0000"), "comment"),
        at(
            "lone high surrogate in event_name",
            b -> b.put("event_name", "buy\ud800"),
            "event_name"),
        at("lone low surrogate in event_id", b -> b.put("event_id", "id-\udc00"), "event_id"),
        at(
            "reversed surrogate pair in site_id",
            b -> b.put("site_id", b.path("site_id").asText() + "\udc00\ud800"),
            "site_id"),
        at(
            "lone surrogate in a nested property value",
            b -> props(b).putObject("cart").putArray("items").addObject().put("name", "mug\ud800"),
            "properties",
            "cart",
            "items",
            0,
            "name"),
        under("lone surrogate in a property key", b -> props(b).put("k\udbff", 1), "properties"),
        control(
            "U+0001 in site_id",
            b -> b.put("site_id", b.path("site_id").asText() + "\u0001"),
            "site_id"),
        control("ESC U+001B in event_id", b -> b.put("event_id", "\u001b[31mred"), "event_id"),
        control("DEL U+007F in event_id", b -> b.put("event_id", "id\u007f"), "event_id"),
        control("tab in event_name", b -> b.put("event_name", "pur\tchase"), "event_name"),
        amount("amount 1e200000", "1e200000"),
        amount("amount 1e-20000", "1e-20000"),
        amount("amount with 19 integer digits", "1234567890123456789"),
        amount("amount with 7 decimals", "0.1234567"),
        number(
            "property number 1e999999",
            b -> props(b).put("big", new BigDecimal("1e999999")),
            "properties",
            "big"),
        number(
            "property number -1e999999 in an array",
            b -> props(b).putArray("list").add(new BigDecimal("-1e999999")),
            "properties",
            "list",
            0),
        // jsonb could hold it, but the JSON parser's number limit refuses it first
        new HttpPoison(
            "property integer of 2000 digits",
            b -> props(b).put("huge", new BigInteger("9".repeat(2000))),
            null,
            false,
            null),
        new HttpPoison(
            "properties nested 11 levels",
            b -> nest(props(b), 10),
            List.of("properties"),
            true,
            "value_error.depth"));
  }

  /** Every poison of a scan session. */
  static List<HttpPoison> ofScanSessions() {
    return List.of(
        control("U+0000 in qr_code_id", b -> b.put("qr_code_id", "poster\u0000"), "qr_code_id"),
        control("tab in qr_code_id", b -> b.put("qr_code_id", "poster\t42"), "qr_code_id"),
        control("U+001F in campaign", b -> b.put("campaign", "spring\u001f"), "campaign"),
        control("DEL U+007F in campaign", b -> b.put("campaign", "spring\u007f"), "campaign"),
        at("lone surrogate in campaign", b -> b.put("campaign", "spring\ud800"), "campaign"),
        control(
            "U+0001 in site_id",
            b -> b.put("site_id", b.path("site_id").asText() + "\u0001"),
            "site_id"));
  }

  private static HttpPoison at(String name, Consumer<ObjectNode> apply, Object... loc) {
    return new HttpPoison(name, apply, List.of(loc), false, null);
  }

  private static HttpPoison under(String name, Consumer<ObjectNode> apply, Object... loc) {
    return new HttpPoison(name, apply, List.of(loc), true, null);
  }

  private static HttpPoison control(String name, Consumer<ObjectNode> apply, Object... loc) {
    return new HttpPoison(name, apply, List.of(loc), false, CONTROL_CHAR);
  }

  private static HttpPoison number(String name, Consumer<ObjectNode> apply, Object... loc) {
    return new HttpPoison(name, apply, List.of(loc), false, NUMBER_BOUNDS);
  }

  private static HttpPoison amount(String name, String amount) {
    return new HttpPoison(
        name,
        b ->
            b.putObject("conversion_value")
                .put("amount", new BigDecimal(amount))
                .put("currency", "EUR"),
        List.of("conversion_value", "amount"),
        false,
        DECIMAL_BOUNDS);
  }

  private static ObjectNode props(ObjectNode body) {
    return body.has("properties")
        ? (ObjectNode) body.get("properties")
        : body.putObject("properties");
  }

  /** {@code levels} objects below {@code node}: with the properties object, one level too many. */
  private static void nest(ObjectNode node, int levels) {
    ObjectNode inner = node;
    for (int level = 0; level < levels; level++) {
      inner = inner.putObject("level" + level);
    }
    inner.put("leaf", true);
  }
}
