package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.InstantText;
import io.scanflow.contract.SessionKey;
import io.scanflow.contract.StorableText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads the typed fields of one JSON object, each by its {@link FieldRule}, adding a problem for
 * every field that breaks its rule and returning {@code null} for it (and for an absent field), so
 * that one pass finds every problem.
 */
public final class FieldReader {
  private final JsonNode object;
  private final Loc loc;
  private final List<Problem> problems;

  public FieldReader(JsonNode object, Loc loc, List<Problem> problems) {
    this.object = object;
    this.loc = loc;
    this.problems = problems;
  }

  /** Present and not JSON null (null counts as absent, as in pydantic). */
  public boolean has(String field) {
    JsonNode node = object.get(field);
    return node != null && !node.isNull();
  }

  public Loc at(String field) {
    return loc.field(field);
  }

  public JsonNode node(String field) {
    return object.get(field);
  }

  /** A string within the rule's length, and one plain line if the rule says so. */
  public String string(FieldRule rule) {
    if (!checkPresence(rule)) {
      return null;
    }
    String field = rule.name();
    JsonNode node = object.get(field);
    if (!node.isTextual()) {
      problems.add(Problem.notString(at(field)));
      return null;
    }
    String value = node.textValue();
    int length = value.codePointCount(0, value.length());
    if (length < rule.min()) {
      problems.add(Problem.tooShort(at(field), rule.min()));
      return null;
    }
    if (length > rule.max()) {
      problems.add(Problem.tooLong(at(field), rule.max()));
      return null;
    }
    if (rule.singleLine() && StorableText.hasControlCharacter(value)) {
      problems.add(Problem.controlCharacter(at(field)));
      return null;
    }
    return value;
  }

  /** A canonical 8-4-4-4-12 hex UUID, any case: a scan session id, returned as its key. */
  public String uuid(FieldRule rule) {
    if (!checkPresence(rule)) {
      return null;
    }
    JsonNode node = object.get(rule.name());
    if (!node.isTextual() || !SessionKey.isWellFormed(node.textValue())) {
      problems.add(Problem.notUuid(at(rule.name())));
      return null;
    }
    return SessionKey.of(node.textValue());
  }

  /** An RFC 3339 timestamp with an offset. */
  public Instant timestamp(FieldRule rule) {
    if (!checkPresence(rule)) {
      return null;
    }
    JsonNode node = object.get(rule.name());
    if (!node.isTextual()) {
      problems.add(Problem.badDatetime(at(rule.name())));
      return null;
    }
    try {
      // RFC 3339 allows a lower-case "t" and "z"; nothing else in a timestamp is a letter.
      String text = node.textValue().toUpperCase(Locale.ROOT);
      return InstantText.parseOffsetDateTime(text);
    } catch (DateTimeParseException e) {
      problems.add(Problem.badDatetime(at(rule.name())));
      return null;
    }
  }

  /** A JSON object. */
  public ObjectNode object(FieldRule rule) {
    if (!checkPresence(rule)) {
      return null;
    }
    JsonNode node = object.get(rule.name());
    if (!node.isObject()) {
      problems.add(Problem.notObject(at(rule.name())));
      return null;
    }
    return (ObjectNode) node;
  }

  /**
   * An optional nested object read by {@code rules}, with a reader at its own location: null when
   * absent, or when reading it added any problem (so a half-valid object is never kept).
   */
  public <T> T nested(String field, Function<FieldReader, T> rules) {
    ObjectNode node = object(FieldRule.optional(field));
    if (node == null) {
      return null;
    }
    int before = problems.size();
    T value = rules.apply(new FieldReader(node, at(field), problems));
    return problems.size() == before ? value : null;
  }

  /** A JSON {@code true} or {@code false}; absent (or null) reads as {@code false}. */
  public boolean bool(String field) {
    if (!has(field)) {
      return false;
    }
    JsonNode node = object.get(field);
    if (!node.isBoolean()) {
      problems.add(Problem.notBoolean(at(field)));
      return false;
    }
    return node.booleanValue();
  }

  /** A JSON number, read exactly. */
  public BigDecimal decimal(FieldRule rule) {
    if (!checkPresence(rule)) {
      return null;
    }
    JsonNode node = object.get(rule.name());
    if (!node.isNumber()) {
      problems.add(Problem.notDecimal(at(rule.name())));
      return null;
    }
    return node.decimalValue();
  }

  /** A whole JSON number within the rule's range. */
  public Integer integer(FieldRule rule) {
    if (!checkPresence(rule)) {
      return null;
    }
    String field = rule.name();
    JsonNode node = object.get(field);
    if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      problems.add(Problem.notInteger(at(field)));
      return null;
    }
    int value = node.intValue();
    if (value < rule.min()) {
      problems.add(Problem.lessThan(at(field), rule.min()));
      return null;
    }
    if (value > rule.max()) {
      problems.add(Problem.greaterThan(at(field), rule.max()));
      return null;
    }
    return value;
  }

  private boolean checkPresence(FieldRule rule) {
    if (has(rule.name())) {
      return true;
    }
    if (rule.required()) {
      problems.add(Problem.missing(at(rule.name())));
    }
    return false;
  }
}
