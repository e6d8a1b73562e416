package io.scanflow.e2e;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/**
 * An event at the edges of what ingest accepts (http-api.md §2), and what its trace must show.
 *
 * @param session the scan session it names; null for a session nobody reported
 */
record EdgeEvent(String label, ObjectNode body, EdgeSession session, String unattributedReason) {
  static final int MAX_ID = 128;
  static final int MAX_PROPERTIES_BYTES = 10_240;
  static final int MAX_DEPTH = 10;
  static final List<BigDecimal> AMOUNTS =
      List.of(
          new BigDecimal("999999999999999999.999999"),
          new BigDecimal("0.000001"),
          new BigDecimal("0"),
          new BigDecimal("123456789012345678"),
          new BigDecimal("0.000000"),
          new BigDecimal("1.5"));

  /** A scan session of the corpus; {@code scannedAt} null means "now" (the server's default). */
  record EdgeSession(String id, String qrCodeId, String campaign, Instant scannedAt) {}

  boolean attributed() {
    return unattributedReason == null;
  }

  @Override
  public String toString() {
    return label;
  }

  /**
   * Events whose names, ids, properties, amounts and times sit at the limits, most of them from
   * {@code recent} (scanned now), two from {@code old} (scanned almost 7 days ago).
   */
  static List<EdgeEvent> corpus(String siteId, EdgeSession recent, EdgeSession old, Instant now) {
    Instant almostAWeekAgo = now.minus(Duration.ofDays(7).minusHours(1));
    List<EdgeEvent> events = new ArrayList<>();
    events.add(
        of("128 emoji event_id, mixed-script event_name", siteId, recent)
            .id(EdgeText.emojiId(0, MAX_ID))
            .name(EdgeText.exactly(MAX_ID, "", EdgeText.MIXED))
            .amount(AMOUNTS.get(0), "EUR")
            .done());
    events.add(
        of("RTL event_id and event_name", siteId, recent)
            .id(EdgeText.exactly(MAX_ID, "rtl-", EdgeText.ARABIC + EdgeText.HEBREW))
            .name(EdgeText.exactly(MAX_ID, "", EdgeText.ARABIC))
            .amount(AMOUNTS.get(1), "EUR")
            .done());
    events.add(
        of("combining marks", siteId, recent)
            .id(EdgeText.combining(MAX_ID))
            .name(EdgeText.combining(MAX_ID))
            .amount(AMOUNTS.get(2), "EUR")
            .done());
    events.add(
        of("ZWJ emoji family event_name, one-emoji event_id", siteId, recent)
            .id("🦄")
            .name(EdgeText.exactly(MAX_ID, "", EdgeText.FAMILY))
            .done());
    events.add(
        of("128 ASCII punctuation event_id", siteId, recent)
            .id(EdgeText.exactly(MAX_ID, "p", " %+?#&=;:,'\"!$()*[]{}|^`<>~._-"))
            .name("x")
            .done());
    events.add(of("depth 10 properties", siteId, recent).properties(deep()).done());
    events.add(
        of("properties of exactly 10 KB", siteId, recent)
            .properties(exactlyMaxSize())
            .amount(AMOUNTS.get(3), "JPY")
            .done());
    events.add(of("numbers of double's range", siteId, recent).properties(doubleRange()).done());
    events.add(of("numbers of 1000 digits", siteId, recent).properties(thousandDigits()).done());
    events.add(of("odd strings in properties", siteId, recent).properties(oddStrings()).done());
    events.add(
        of("hashed user identifiers, test false", siteId, recent)
            .identifiers()
            .amount(AMOUNTS.get(4), "USD")
            .done());
    events.add(of("event_time 4 minutes ahead", siteId, recent).at(now.plusSeconds(240)).done());
    events.add(of("event_time 6 days 23 h ago", siteId, old).at(almostAWeekAgo).done());
    events.add(
        of("event_time 6 days 23 h ago, session of now", siteId, recent)
            .at(almostAWeekAgo)
            .unattributed("outside_window")
            .done());
    events.add(of("unknown scan session", siteId, null).unattributed("session_not_found").done());
    events.add(of("server-generated event_id", siteId, old).id(null).done());
    return events;
  }

  /** One event per currency {@code java.util.Currency} knows, amounts cycling the edges. */
  static List<EdgeEvent> everyCurrency(String siteId, EdgeSession session) {
    Set<String> codes = new TreeSet<>();
    Currency.getAvailableCurrencies().forEach(c -> codes.add(c.getCurrencyCode()));
    List<EdgeEvent> events = new ArrayList<>();
    int i = 0;
    for (String code : codes) {
      events.add(
          of("currency " + code, siteId, session)
              .id(EdgeText.exactly(MAX_ID, "cur-" + code + "-", EdgeText.HEBREW + EdgeText.EMOJI))
              .amount(AMOUNTS.get(i++ % AMOUNTS.size()), code)
              .done());
    }
    return events;
  }

  /** properties (level 1), 8 nested objects with keys in many scripts, an array at level 10. */
  static ObjectNode deep() {
    ObjectNode properties = object();
    ObjectNode level = properties;
    List<String> keys = List.of("ключ", "键", "🔑", "מפתח", "مفتاح", "κλειδί", "키", "e\u0301");
    for (String key : keys) {
      level = level.putObject(key);
    }
    level.putArray("leaves").add(1).add("leaf ✓").add(true).addNull();
    return properties;
  }

  /** properties whose compact UTF-8 JSON is exactly the limit, mostly multi-byte characters. */
  static ObjectNode exactlyMaxSize() {
    ObjectNode properties = object().put("emoji", "").put("ascii", "");
    StringBuilder emoji = new StringBuilder();
    while (size(properties) + 4 * EdgeText.MIXED.length() < MAX_PROPERTIES_BYTES) {
      emoji.append(EdgeText.MIXED);
      properties.put("emoji", emoji.toString());
    }
    properties.put("ascii", "a".repeat(MAX_PROPERTIES_BYTES - size(properties)));
    if (size(properties) != MAX_PROPERTIES_BYTES) {
      throw new IllegalStateException("built " + size(properties) + " bytes");
    }
    return properties;
  }

  /** double's extremes, past long, signed zero: numbers every client library writes. */
  static ObjectNode doubleRange() {
    ObjectNode properties = object();
    properties.put("max_double", new BigDecimal("1.7976931348623157e308"));
    properties.put("min_double", new BigDecimal("4.9e-324"));
    properties.put("minus_1e308", new BigDecimal("-1e308"));
    properties.put("above_long", BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.ONE));
    properties.put("minus_zero", new BigDecimal("-0.0"));
    ArrayNode list = properties.putArray("list");
    list.add(new BigDecimal("1e300")).add(new BigDecimal("-1e-300")).add(0.1).add(-7);
    return properties;
  }

  /**
   * Numbers with 1,000 digits before or after the point written out in full, as jsonb stores and
   * returns them (it holds far more; ingest's own bound is 1,000 on each side).
   */
  static ObjectNode thousandDigits() {
    ObjectNode properties = object();
    properties.put("digits_999", new BigInteger("9".repeat(999)));
    properties.put("e999", new BigDecimal("1e999"));
    properties.put("minus_e999", new BigDecimal("-1e999"));
    properties.put("e_minus_1000", new BigDecimal("1e-1000"));
    return properties;
  }

  /** Strings only U+0000 and lone surrogates are refused for: controls, BOM, non-characters. */
  static ObjectNode oddStrings() {
    ObjectNode properties = object();
    properties.put("", "empty key");
    properties.put("controls", "tab\t newline\n cr\r \u0001 \u001f del\u007f c1\u0085\u009f");
    properties.put("bom_and_nonchars", "\ufeffstart \ufffe \uffff \uDBFF\uDFFF end");
    properties.put("separators", "line\u2028para\u2029");
    properties.put("bidi", "\u202eevil\u202c \u200fرسالة\u200e");
    properties.put("quotes", "\"'\\ \\u0000 as text, </script>");
    properties.put(EdgeText.exactly(200, "key ", EdgeText.MIXED), EdgeText.MIXED);
    properties.put(EdgeText.FAMILY, EdgeText.combining(300));
    return properties;
  }

  private static String hex(String text) {
    return HexFormat.of().formatHex(Sha256.of(text));
  }

  private static int size(ObjectNode properties) {
    try {
      return ContractJson.mapper().writeValueAsBytes(properties).length;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode object() {
    return ScanflowClient.JSON.createObjectNode();
  }

  private static Builder of(String label, String siteId, EdgeSession session) {
    return new Builder(label, siteId, session);
  }

  /** Sets one edge at a time on an otherwise plain event. */
  private static final class Builder {
    private final String label;
    private final EdgeSession session;
    private final ObjectNode body = object();
    private String reason;

    Builder(String label, String siteId, EdgeSession session) {
      this.label = label;
      this.session = session;
      body.put("site_id", siteId)
          .put("event_name", "purchase")
          .put("event_id", "edge-" + UUID.randomUUID())
          .put("scan_session_id", session == null ? UUID.randomUUID().toString() : session.id());
      if (session == null) {
        reason = "session_not_found";
      }
    }

    Builder id(String eventId) {
      if (eventId == null) {
        body.remove("event_id");
      } else {
        body.put("event_id", eventId);
      }
      return this;
    }

    Builder name(String eventName) {
      body.put("event_name", eventName);
      return this;
    }

    Builder amount(BigDecimal amount, String currency) {
      body.putObject("conversion_value").put("amount", amount).put("currency", currency);
      return this;
    }

    Builder properties(ObjectNode properties) {
      body.set("properties", properties);
      return this;
    }

    Builder identifiers() {
      body.put("test", false);
      body.putObject("user_identifiers")
          .put("email_hash", hex("edge.values@example.com"))
          .put("phone_hash", hex("+4915112345678"));
      return this;
    }

    Builder at(Instant eventTime) {
      body.put("event_time", eventTime.toString());
      return this;
    }

    Builder unattributed(String why) {
      reason = why;
      return this;
    }

    EdgeEvent done() {
      return new EdgeEvent(label, body, session, reason);
    }
  }
}
