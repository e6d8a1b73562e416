package io.scanflow.reports.store;

import java.math.BigDecimal;

/** Decimals as the text a PostgreSQL {@code numeric} accepts. */
final class NumericText {
  // PostgreSQL's numeric limits: digits before and after the decimal point.
  private static final int MAX_INTEGER_DIGITS = 131_072;
  private static final int MAX_FRACTION_DIGITS = 16_383;

  private NumericText() {}

  /**
   * The plain text of {@code amount}; refuses one beyond numeric's range before writing it out (the
   * plain text of 1e2000000000 alone would not fit in memory).
   */
  static String of(BigDecimal amount) {
    if (amount == null) {
      return null;
    }
    if (amount.scale() > MAX_FRACTION_DIGITS
        || (long) amount.precision() - amount.scale() > MAX_INTEGER_DIGITS) {
      throw new IllegalArgumentException("conversion amount beyond the range of numeric");
    }
    return amount.toPlainString();
  }
}
