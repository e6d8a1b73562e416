package io.scanflow.ingest.config;

import java.time.Duration;

/** Renders a configured duration in words for error messages ("5 minutes", "7 days"). */
public final class DurationText {
  private DurationText() {}

  public static String of(Duration duration) {
    long seconds = duration.getSeconds();
    if (seconds > 0 && seconds % 86_400 == 0) {
      return plural(seconds / 86_400, "day");
    }
    if (seconds > 0 && seconds % 3_600 == 0) {
      return plural(seconds / 3_600, "hour");
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return plural(seconds / 60, "minute");
    }
    if (duration.getNano() == 0) {
      return plural(seconds, "second");
    }
    return plural(duration.toMillis(), "millisecond");
  }

  private static String plural(long amount, String unit) {
    return amount + " " + unit + (amount == 1 ? "" : "s");
  }
}
