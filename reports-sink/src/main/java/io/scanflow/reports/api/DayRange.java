package io.scanflow.reports.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;

/**
 * An inclusive range of a site's local days from the {@code from}/{@code to} query parameters; by
 * default the last 30 days including today in the site's time zone. At most {@value #MAX_DAYS}
 * days, so that {@code by_day} stays small.
 */
public record DayRange(LocalDate from, LocalDate to) {
  static final int DEFAULT_DAYS = 30;
  static final int MAX_DAYS = 366;

  public static DayRange parse(String from, String to, ZoneId zone) {
    return parse(from, to, Clock.system(zone));
  }

  /** {@code clock} is in the site's zone: its date is the site's today. */
  static DayRange parse(String from, String to, Clock clock) {
    LocalDate end = blank(to) ? LocalDate.now(clock) : day("to", to);
    LocalDate start = blank(from) ? end.minusDays(DEFAULT_DAYS - 1) : day("from", from);
    if (start.isAfter(end)) {
      throw ApiProblem.badRequest("from must not be after to");
    }
    if (ChronoUnit.DAYS.between(start, end) >= MAX_DAYS) {
      throw ApiProblem.badRequest("the range may span at most " + MAX_DAYS + " days");
    }
    return new DayRange(start, end);
  }

  private static LocalDate day(String name, String value) {
    try {
      return LocalDate.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw ApiProblem.badRequest(name + " must be a date as YYYY-MM-DD");
    }
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
