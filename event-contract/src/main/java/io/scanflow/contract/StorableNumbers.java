package io.scanflow.contract;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;

/**
 * Which numbers every stage and store can hold. Digits are counted as the number would be written
 * out in full, without an exponent, from {@code precision()} and {@code scale()} alone: a value
 * such as {@code 1e200000} is judged without ever building its 200,001-character form.
 */
public final class StorableNumbers {
  /** {@code conversion_value.amount}: digits before the decimal point. */
  public static final int AMOUNT_INTEGER_DIGITS = 18;

  /** {@code conversion_value.amount}: digits after the decimal point, trailing zeros included. */
  public static final int AMOUNT_FRACTION_DIGITS = 6;

  /**
   * A number inside {@code properties}: digits before and after the decimal point. PostgreSQL's
   * {@code jsonb} holds up to 131,072 and 16,383; the tighter bound, the same as the longest number
   * literal the JSON parser reads, keeps one 10 KB {@code properties} object from growing into
   * megabytes once stored in full.
   */
  public static final int JSON_DIGITS = 1_000;

  private StorableNumbers() {}

  /** True when {@code amount} has at most 18 digits before the decimal point and 6 after. */
  public static boolean isStorableAmount(BigDecimal amount) {
    return integerDigits(amount) <= AMOUNT_INTEGER_DIGITS
        && fractionDigits(amount) <= AMOUNT_FRACTION_DIGITS;
  }

  /** True when {@code value} has at most 1,000 digits before the decimal point and 1,000 after. */
  public static boolean isStorableInJson(BigDecimal value) {
    return integerDigits(value) <= JSON_DIGITS && fractionDigits(value) <= JSON_DIGITS;
  }

  /**
   * True when a JSON number node can be stored in {@code jsonb}: finite (NaN and infinities have no
   * JSON form) and within {@link #isStorableInJson(BigDecimal)}. Non-number nodes are not numbers
   * to judge and count as storable.
   */
  public static boolean isStorableInJson(JsonNode node) {
    if (!node.isNumber()) {
      return true;
    }
    if (node.isBigDecimal()) {
      return isStorableInJson(node.decimalValue());
    }
    if (node.isBigInteger()) {
      return isStorableInJson(new BigDecimal(node.bigIntegerValue()));
    }
    if (node.isFloatingPointNumber()) {
      return Double.isFinite(node.doubleValue());
    }
    return true; // int and long
  }

  /** Digits before the decimal point written out in full: 1 for 0.5 and for 7, 3 for 1E+2. */
  static long integerDigits(BigDecimal value) {
    if (value.signum() == 0) {
      return 1;
    }
    // long: for 1E+2147483647, precision - scale overflows an int.
    return Math.max(1, (long) value.precision() - value.scale());
  }

  /** Digits after the decimal point as written, trailing zeros included: 2 for 59.90. */
  static long fractionDigits(BigDecimal value) {
    return Math.max(0, value.scale());
  }
}
