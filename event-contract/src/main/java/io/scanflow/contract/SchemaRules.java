package io.scanflow.contract;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON Schema keywords the contract's schemas use, applied to a record's values so that a
 * record can say which of its schema's rules it breaks ({@link IngestedEvent#violations()}).
 */
final class SchemaRules {
  /** RFC 3339 writes the year with four digits: 0000-01-01 to 9999-12-31, UTC. */
  private static final Instant FIRST_DATE_TIME = Instant.parse("0000-01-01T00:00:00Z");

  private static final Instant LAST_DATE_TIME = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private SchemaRules() {}

  /** {@code required}: present and not null. */
  static boolean present(List<String> found, String field, Object value) {
    if (value == null) {
      found.add(field + " is required");
      return false;
    }
    return true;
  }

  /** {@code minLength}/{@code maxLength}, counted in code points as JSON Schema counts them. */
  static void length(List<String> found, String field, String value, int min, int max) {
    if (value == null) {
      return;
    }
    int length = value.codePointCount(0, value.length());
    if (length < min || length > max) {
      found.add(field + " must be " + min + " to " + max + " characters long");
    }
  }

  /** {@code pattern}, matched against the whole value. */
  static void pattern(List<String> found, String field, String value, Pattern pattern) {
    if (value != null && !pattern.matcher(value).matches()) {
      found.add(field + " must match " + pattern.pattern());
    }
  }

  /**
   * {@code "format": "uuid"}: 8-4-4-4-12 hex digits, either case. Checked character by character
   * rather than by a regex: it runs for every event in every stage.
   */
  static boolean isUuid(String value) {
    if (value.length() != 36) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          i == 8 || i == 13 || i == 18 || i == 23
              ? c == '-'
              : Character.digit(c, 16) >= 0 && c < 128;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** {@link #isUuid} as a rule of {@code field}. */
  static void uuid(List<String> found, String field, String value) {
    if (value != null && !isUuid(value)) {
      found.add(field + " must be a UUID");
    }
  }

  /** {@code "format": "date-time"}: an instant RFC 3339 can write. */
  static void dateTime(List<String> found, String field, Instant value) {
    if (value != null && (value.isBefore(FIRST_DATE_TIME) || value.isAfter(LAST_DATE_TIME))) {
      found.add(field + " must be between the years 0000 and 9999");
    }
  }
}
