package io.scanflow.bench;

import java.util.Locale;

/** Number formatting for the results table (one place, so every figure reads the same way). */
final class Format {
  private Format() {}

  static String millis(double millis) {
    if (Double.isNaN(millis)) {
      return "n/a";
    }
    return millis >= 100
        ? String.format(Locale.ROOT, "%.0f", millis)
        : String.format(Locale.ROOT, "%.1f", millis);
  }

  static String rate(double perSecond) {
    return Double.isNaN(perSecond) ? "n/a" : String.format(Locale.ROOT, "%,.0f", perSecond);
  }

  static String ratio(double value, double ceiling) {
    if (Double.isNaN(value) || Double.isNaN(ceiling) || ceiling <= 0) {
      return "n/a";
    }
    return String.format(Locale.ROOT, "%.2f (%.0f %%)", value / ceiling, 100 * value / ceiling);
  }
}
