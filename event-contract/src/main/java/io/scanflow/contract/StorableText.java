package io.scanflow.contract;

/**
 * Which strings every topic, column and {@code jsonb} value can hold. PostgreSQL refuses U+0000 in
 * {@code text} and {@code jsonb}, and an unpaired surrogate has no UTF-8 form at all, so a string
 * with either would stop the stage that tries to store it.
 */
public final class StorableText {
  /** What {@link #sanitize} puts in place of a character that cannot be stored. */
  public static final char REPLACEMENT = '\uFFFD';

  private StorableText() {}

  /** True when {@code text} holds neither U+0000 nor an unpaired surrogate. */
  public static boolean isStorable(String text) {
    return firstUnstorable(text) < 0;
  }

  /**
   * True when {@code text} holds a C0 control character (U+0000–U+001F) or DEL (U+007F): ids and
   * names must be one plain line, safe in keys, logs and CSV.
   */
  public static boolean hasControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x20 || c == 0x7F) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@code text} with every U+0000 and unpaired surrogate replaced by U+FFFD, for echoing a
   * client's text in an error body, a log line or a dead letter; {@code text} itself when it is
   * already storable.
   */
  public static String sanitize(String text) {
    int first = firstUnstorable(text);
    if (first < 0) {
      return text;
    }
    StringBuilder clean = new StringBuilder(text.length()).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isPairAt(text, i)) {
        clean.append(c).append(text.charAt(++i));
      } else if (c == 0 || Character.isSurrogate(c)) {
        clean.append(REPLACEMENT);
      } else {
        clean.append(c);
      }
    }
    return clean.toString();
  }

  /**
   * {@link #sanitize sanitized} {@code text} cut to at most {@code maxLength} chars without
   * splitting a surrogate pair: text from outside that must fit a column and never make a write
   * fail. Null stays null.
   */
  public static String storable(String text, int maxLength) {
    if (text == null) {
      return null;
    }
    String clean = sanitize(text);
    if (clean.length() <= maxLength) {
      return clean;
    }
    int end = Character.isHighSurrogate(clean.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
    return clean.substring(0, end);
  }

  /** The index of the first U+0000 or unpaired surrogate, or -1. */
  private static int firstUnstorable(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (isPairAt(text, i)) {
        i++;
      } else if (c == 0 || Character.isSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isPairAt(String text, int i) {
    return Character.isHighSurrogate(text.charAt(i))
        && i + 1 < text.length()
        && Character.isLowSurrogate(text.charAt(i + 1));
  }
}
