package io.scanflow.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Writes instants as {@link Instant#toString()} does, and reads RFC 3339 instants as {@link
 * Instant#parse} and {@link DateTimeFormatter#ISO_OFFSET_DATE_TIME} do, with the same results and
 * the same errors, but without their general machinery for the one shape that nearly every
 * timestamp has: {@code 2025-03-01T12:00:00[.f…]Z} or with a {@code ±hh:mm} offset. A hand reader
 * handles that shape; anything else (a leap second, hour 24, a missing second, a year beyond four
 * digits, a lower-case letter, …) goes to the general parser, so the rules stay the JDK's.
 */
public final class InstantText {
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int[] NANO_SCALE = {
    0, 100_000_000, 10_000_000, 1_000_000, 100_000, 10_000, 1_000, 100, 10, 1
  };

  /** {@code YYYY-MM-DDTHH:MM:SS}: where the fraction or the offset starts. */
  private static final int SECONDS_END = 19;

  /** The instants {@link #format} writes itself: years 0000 to 9999. */
  private static final long FIRST_FAST_SECOND = -62_167_219_200L;

  private static final long LAST_FAST_SECOND = 253_402_300_799L;

  private InstantText() {}

  /**
   * {@link Instant#toString()}: {@code 2025-03-01T12:00:00Z}, with a fraction of 3, 6 or 9 digits
   * when the instant has one.
   */
  public static String format(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < FIRST_FAST_SECOND || seconds > LAST_FAST_SECOND) {
      return instant.toString(); // a sign or a fifth digit in the year
    }
    LocalDate date = LocalDate.ofEpochDay(Math.floorDiv(seconds, SECONDS_PER_DAY));
    int secondOfDay = (int) Math.floorMod(seconds, SECONDS_PER_DAY);
    int nanos = instant.getNano();
    char[] text = new char[SECONDS_END + 11];
    put(text, 0, date.getYear(), 4);
    text[4] = '-';
    put(text, 5, date.getMonthValue(), 2);
    text[7] = '-';
    put(text, 8, date.getDayOfMonth(), 2);
    text[10] = 'T';
    put(text, 11, secondOfDay / 3600, 2);
    text[13] = ':';
    put(text, 14, secondOfDay / 60 % 60, 2);
    text[16] = ':';
    put(text, 17, secondOfDay % 60, 2);
    int at = SECONDS_END;
    if (nanos > 0) {
      text[at++] = '.';
      if (nanos % 1_000_000 == 0) {
        put(text, at, nanos / 1_000_000, 3);
        at += 3;
      } else if (nanos % 1_000 == 0) {
        put(text, at, nanos / 1_000, 6);
        at += 6;
      } else {
        put(text, at, nanos, 9);
        at += 9;
      }
    }
    text[at++] = 'Z';
    return new String(text, 0, at);
  }

  /** Writes {@code value} as {@code width} decimal digits, zero-padded, from {@code start}. */
  private static void put(char[] text, int start, int value, int width) {
    for (int i = start + width - 1; i >= start; i--) {
      text[i] = (char) ('0' + value % 10);
      value /= 10;
    }
  }

  /** {@link Instant#parse}: UTC written as {@code Z}, or an offset. */
  public static Instant parseInstant(CharSequence text) {
    Instant fast = fastParse(text, false);
    return fast != null ? fast : Instant.parse(text);
  }

  /** {@code OffsetDateTime.parse(text, ISO_OFFSET_DATE_TIME).toInstant()}. */
  public static Instant parseOffsetDateTime(CharSequence text) {
    Instant fast = fastParse(text, true);
    return fast != null
        ? fast
        : OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
  }

  /**
   * The instant {@code text} writes if it has the common shape and every field is in range;
   * otherwise null (never an exception), and the caller asks the general parser. Offsets other than
   * {@code Z} are read only if {@code offsets} is set.
   */
  static Instant fastParse(CharSequence text, boolean offsets) {
    int length = text.length();
    if (length < SECONDS_END + 1
        || text.charAt(4) != '-'
        || text.charAt(7) != '-'
        || text.charAt(10) != 'T'
        || text.charAt(13) != ':'
        || text.charAt(16) != ':') {
      return null;
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);
    if (year < 0
        || month < 1
        || month > 12
        || day < 1
        || day > lengthOfMonth(year, month)
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return null;
    }
    int at = SECONDS_END;
    int nanos = 0;
    if (text.charAt(at) == '.') {
      int start = ++at;
      while (at < length && at - start < 10 && isDigit(text.charAt(at))) {
        at++;
      }
      int count = at - start;
      if (count < 1 || count > 9) {
        return null;
      }
      nanos = digits(text, start, count) * NANO_SCALE[count];
    }
    int offsetSeconds = offsetSeconds(text, at, offsets);
    if (offsetSeconds == Integer.MIN_VALUE) {
      return null;
    }
    long epochDay = LocalDate.of(year, month, day).toEpochDay();
    long seconds = epochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
    return Instant.ofEpochSecond(seconds - offsetSeconds, nanos);
  }

  /**
   * The offset that ends {@code text} at {@code at}: {@code Z}, or {@code ±hh:mm} below 18 hours;
   * {@link Integer#MIN_VALUE} for anything else.
   */
  private static int offsetSeconds(CharSequence text, int at, boolean offsets) {
    int rest = text.length() - at;
    if (rest == 1 && text.charAt(at) == 'Z') {
      return 0;
    }
    if (!offsets || rest != 6 || text.charAt(at + 3) != ':') {
      return Integer.MIN_VALUE;
    }
    char sign = text.charAt(at);
    int hours = digits(text, at + 1, 2);
    int minutes = digits(text, at + 4, 2);
    if ((sign != '+' && sign != '-') || hours < 0 || hours > 17 || minutes < 0 || minutes > 59) {
      return Integer.MIN_VALUE;
    }
    int seconds = hours * 3600 + minutes * 60;
    return sign == '-' ? -seconds : seconds;
  }

  /** The value of {@code count} ASCII digits from {@code start}, or -1 if any is not one. */
  private static int digits(CharSequence text, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      char c = text.charAt(i);
      if (!isDigit(c)) {
        return -1;
      }
      value = value * 10 + (c - '0');
    }
    return value;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int lengthOfMonth(int year, int month) {
    return switch (month) {
      case 2 -> isLeap(year) ? 29 : 28;
      case 4, 6, 9, 11 -> 30;
      default -> 31;
    };
  }

  /** Proleptic Gregorian, as java.time counts: year 0 is a leap year. */
  private static boolean isLeap(int year) {
    return (year % 4 == 0) && (year % 100 != 0 || year % 400 == 0);
  }
}
