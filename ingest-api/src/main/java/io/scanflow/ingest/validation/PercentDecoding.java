package io.scanflow.ingest.validation;

import java.nio.charset.StandardCharsets;

/**
 * Undoes URL percent-encoding ({@code %40} → {@code @}, {@code %C3%BC} → {@code ü}, hex digits of
 * either case) without ever failing: a {@code %} not followed by two hex digits stays as it is, and
 * bytes that are not UTF-8 become U+FFFD. For looking into text, not for parsing URLs.
 */
final class PercentDecoding {
  private PercentDecoding() {}

  static String decode(String text) {
    StringBuilder decoded = new StringBuilder(text.length());
    byte[] bytes = new byte[text.length() / 3 + 1];
    int i = 0;
    while (i < text.length()) {
      int count = 0;
      while (isEscape(text, i)) {
        bytes[count++] = (byte) (hex(text.charAt(i + 1)) * 16 + hex(text.charAt(i + 2)));
        i += 3;
      }
      if (count > 0) {
        decoded.append(new String(bytes, 0, count, StandardCharsets.UTF_8));
      } else {
        decoded.append(text.charAt(i++));
      }
    }
    return decoded.toString();
  }

  private static boolean isEscape(String text, int i) {
    return i + 2 < text.length()
        && text.charAt(i) == '%'
        && hex(text.charAt(i + 1)) >= 0
        && hex(text.charAt(i + 2)) >= 0;
  }

  private static int hex(char c) {
    return Character.digit(c, 16) >= 0 && c < 0x80 ? Character.digit(c, 16) : -1;
  }
}
