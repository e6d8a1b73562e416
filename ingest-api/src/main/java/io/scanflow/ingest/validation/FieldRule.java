package io.scanflow.ingest.validation;

/**
 * The rule of one field of a JSON object, named at the call site: {@code
 * FieldRule.required("site_id").length(1, 64).plainLine()} instead of a row of booleans and
 * numbers. {@link FieldReader} applies it; {@code min} and {@code max} bound a string's length (in
 * code points) or a whole number's value, whichever the field is read as.
 */
public record FieldRule(String name, boolean required, int min, int max, boolean singleLine) {

  public FieldRule {
    if (min > max) {
      throw new IllegalArgumentException(name + ": min " + min + " > max " + max);
    }
  }

  /** A field that must be present and not JSON null. */
  public static FieldRule required(String name) {
    return new FieldRule(name, true, 0, Integer.MAX_VALUE, false);
  }

  /** A field that may be absent (or JSON null, which counts as absent). */
  public static FieldRule optional(String name) {
    return new FieldRule(name, false, 0, Integer.MAX_VALUE, false);
  }

  /** This rule for a field that must be present. */
  public FieldRule asRequired() {
    return new FieldRule(name, true, min, max, singleLine);
  }

  /** A string of {@code min}..{@code max} characters (Unicode code points). */
  public FieldRule length(int min, int max) {
    return new FieldRule(name, required, min, max, singleLine);
  }

  /** A whole number from {@code min} to {@code max}, both included. */
  public FieldRule range(int min, int max) {
    return new FieldRule(name, required, min, max, singleLine);
  }

  /**
   * An id or a name: no control characters (U+0000–U+001F, U+007F), so that it stays one plain line
   * in keys, logs and exports.
   */
  public FieldRule plainLine() {
    return new FieldRule(name, required, min, max, true);
  }
}
