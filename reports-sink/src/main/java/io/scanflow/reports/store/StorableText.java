package io.scanflow.reports.store;

/**
 * Text that a PostgreSQL {@code text} column always accepts: without U+0000 (which PostgreSQL
 * refuses) and unpaired surrogates (which have no UTF-8 form), and cut to a length that keeps rows
 * and index entries small. For text that comes from outside and must never make a write fail.
 */
public final class StorableText {
  private StorableText() {}

  /** The storable part of {@code text}, at most {@code maxLength} chars; null stays null. */
  public static String of(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    StringBuilder storable = new StringBuilder(Math.min(text.length(), maxLength));
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        if (storable.length() + 2 > maxLength) {
          break;
        }
        storable.append(c).append(text.charAt(++i));
      } else if (c != '\u0000' && !Character.isSurrogate(c)) {
        if (storable.length() + 1 > maxLength) {
          break;
        }
        storable.append(c);
      }
    }
    return storable.toString();
  }

  /** Like {@link #of}, but never null or empty: {@code fallback} instead. */
  public static String orElse(String text, int maxLength, String fallback) {
    String storable = of(text, maxLength);
    return storable == null || storable.isEmpty() ? fallback : storable;
  }
}
