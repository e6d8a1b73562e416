package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.SessionKey;
import io.scanflow.contract.StorableText;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads the typed fields of one JSON object, adding a problem for every field that breaks its rule
 * and returning {@code null} for it, so that one pass finds every problem.
 */
public final class FieldReader {
  private static final Pattern UUID_PATTERN =
      Pattern.compile(
          "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

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

  /** A string of {@code min}..{@code max} characters (Unicode code points). */
  public String string(String field, boolean required, int min, int max) {
    if (!checkPresence(field, required)) {
      return null;
    }
    JsonNode node = object.get(field);
    if (!node.isTextual()) {
      problems.add(Problem.notString(at(field)));
      return null;
    }
    String value = node.textValue();
    int length = value.codePointCount(0, value.length());
    if (length < min) {
      problems.add(Problem.tooShort(at(field), min));
      return null;
    }
    if (length > max) {
      problems.add(Problem.tooLong(at(field), max));
      return null;
    }
    return value;
  }

  /**
   * An id or a name: a string of {@code min}..{@code max} characters without control characters
   * (U+0000–U+001F, U+007F), so it stays one plain line in keys, logs and exports.
   */
  public String plainString(String field, boolean required, int min, int max) {
    String value = string(field, required, min, max);
    if (value != null && StorableText.hasControlCharacter(value)) {
      problems.add(Problem.controlCharacter(at(field)));
      return null;
    }
    return value;
  }

  /** A canonical 8-4-4-4-12 hex UUID, any case: a scan session id, returned as its key. */
  public String uuid(String field, boolean required) {
    if (!checkPresence(field, required)) {
      return null;
    }
    JsonNode node = object.get(field);
    if (!node.isTextual() || !UUID_PATTERN.matcher(node.textValue()).matches()) {
      problems.add(Problem.notUuid(at(field)));
      return null;
    }
    return SessionKey.of(node.textValue());
  }

  /** An RFC 3339 timestamp with an offset. */
  public Instant timestamp(String field, boolean required) {
    if (!checkPresence(field, required)) {
      return null;
    }
    JsonNode node = object.get(field);
    if (!node.isTextual()) {
      problems.add(Problem.badDatetime(at(field)));
      return null;
    }
    try {
      // RFC 3339 allows a lower-case "t" and "z"; nothing else in a timestamp is a letter.
      String text = node.textValue().toUpperCase(Locale.ROOT);
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(Problem.badDatetime(at(field)));
      return null;
    }
  }

  /** A JSON object. */
  public ObjectNode object(String field, boolean required) {
    if (!checkPresence(field, required)) {
      return null;
    }
    JsonNode node = object.get(field);
    if (!node.isObject()) {
      problems.add(Problem.notObject(at(field)));
      return null;
    }
    return (ObjectNode) node;
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
  public BigDecimal decimal(String field, boolean required) {
    if (!checkPresence(field, required)) {
      return null;
    }
    JsonNode node = object.get(field);
    if (!node.isNumber()) {
      problems.add(Problem.notDecimal(at(field)));
      return null;
    }
    return node.decimalValue();
  }

  /** A whole JSON number between {@code min} and {@code max}. */
  public Integer integer(String field, boolean required, int min, int max) {
    if (!checkPresence(field, required)) {
      return null;
    }
    JsonNode node = object.get(field);
    if (!node.isNumber() || !node.canConvertToExactIntegral() || !node.canConvertToInt()) {
      problems.add(Problem.notInteger(at(field)));
      return null;
    }
    int value = node.intValue();
    if (value < min) {
      problems.add(Problem.lessThan(at(field), min));
      return null;
    }
    if (value > max) {
      problems.add(Problem.greaterThan(at(field), max));
      return null;
    }
    return value;
  }

  private boolean checkPresence(String field, boolean required) {
    if (has(field)) {
      return true;
    }
    if (required) {
      problems.add(Problem.missing(at(field)));
    }
    return false;
  }
}
