package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.text.Normalizer;
import java.util.List;

/**
 * Finds raw e-mail addresses ({@code local@domain.tld}) in any string of a JSON tree, keys
 * included, at any depth: as written, percent-encoded ({@code alice%40example.com}, also encoded
 * two or three times over, as URLs put into properties often are), in full-width forms ({@code
 * alice＠example．com}) and with internationalised domains ({@code alice@bücher.de}, {@code
 * иван@пример.рф}, {@code alice@xn--bcher-kva.de}).
 *
 * <p>A linear scan around each {@code @} rather than a regular expression, so that no input can
 * make it slow. It lets pass, on purpose, what is not an address: an {@code @} with no address
 * character right before it ({@code @alice}, {@code medium.com/@alice/post}, {@code a @ b}), a
 * domain without a dot ({@code user@localhost}), a last label that is not a name ({@code
 * lodash@4.17.21}) and an image scale suffix ({@code logo@2x.png}). docs/http-api.md lists both
 * corpora.
 */
public final class RawEmailDetector {
  /** {@code %252540} is {@code @} encoded three times; more than that is not an accident. */
  private static final int MAX_DECODING_ROUNDS = 3;

  /**
   * What may stand right before the {@code @}. RFC 5322 allows more ({@code / = ? #} …), but an
   * address ending in one is rare, and a URL path or query ({@code /@alice.smith}, {@code
   * ?to=@team.lead}) is not.
   */
  private static final String LOCAL_LAST_PUNCTUATION = "_+-";

  private RawEmailDetector() {}

  /** Adds a {@code value_error.pii.email} problem for each string in {@code node} holding one. */
  public static void scan(JsonNode node, Loc loc, List<Problem> problems) {
    JsonTree.forEachString(
        node,
        loc,
        (at, text) -> {
          if (containsEmail(text)) {
            problems.add(Problem.rawEmail(at));
          }
        });
  }

  /** True when {@code text} holds an e-mail address anywhere, in any of the forms above. */
  public static boolean containsEmail(String text) {
    if (!mayHoldAnAt(text)) {
      return false; // most strings: one pass, nothing built
    }
    if (containsPlainAddress(text)) {
      return true;
    }
    return mayBeDisguised(text) && containsPlainAddress(unmasked(text));
  }

  /** The text with percent-encoding undone and compatibility forms (＠, ．, 。) made plain. */
  static String unmasked(String text) {
    String plain = text;
    for (int round = 0; round < MAX_DECODING_ROUNDS && plain.indexOf('%') >= 0; round++) {
      String decoded = PercentDecoding.decode(plain);
      if (decoded.equals(plain)) {
        break;
      }
      plain = decoded;
    }
    if (!isAscii(plain)) {
      // IDNA reads the ideographic full stop as a dot, as mail clients do.
      plain = Normalizer.normalize(plain, Normalizer.Form.NFKC).replace('\u3002', '.');
    }
    return plain;
  }

  private static boolean containsPlainAddress(String text) {
    int at = text.indexOf('@');
    while (at >= 0) {
      if (at > 0 && isLocalPartEnd(text.codePointBefore(at)) && isAddressDomain(text, at + 1)) {
        return true;
      }
      // The domain run of one '@' ends at the next '@', so no character is read twice.
      at = text.indexOf('@', at + 1);
    }
    return false;
  }

  private static boolean isAddressDomain(String text, int start) {
    int end = start;
    while (end < text.length()) {
      int c = text.codePointAt(end);
      if (!isDomainChar(c)) {
        break;
      }
      end += Character.charCount(c);
    }
    while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
      end--;
    }
    int lastDot = end - 1;
    while (lastDot > start && text.charAt(lastDot) != '.') {
      lastDot--;
    }
    if (lastDot <= start) {
      return false;
    }
    return isTopLevelDomain(text.substring(lastDot + 1, end))
        && !isImageScale(text, start, lastDot);
  }

  /** Two or more letters ({@code de}, {@code рф}, {@code 中国}), or an IDNA A-label. */
  private static boolean isTopLevelDomain(String label) {
    if (label.regionMatches(true, 0, "xn--", 0, 4)) {
      return label.length() > 4 && label.chars().allMatch(c -> isAsciiLetterOrDigit(c) || c == '-');
    }
    return label.codePointCount(0, label.length()) >= 2
        && label.codePoints().allMatch(c -> Character.isLetter(c) || isMark(c));
  }

  /** {@code logo@2x.png}, {@code icon@1.5x.webp}: the scale of a high-resolution image. */
  private static boolean isImageScale(String text, int start, int lastDot) {
    int i = start;
    while (i < lastDot && isAsciiDigit(text.charAt(i))) {
      i++;
    }
    if (i > start && i < lastDot && text.charAt(i) == '.') {
      int fraction = ++i;
      while (i < lastDot && isAsciiDigit(text.charAt(i))) {
        i++;
      }
      if (i == fraction) {
        return false;
      }
    }
    return i > start && i < lastDot && text.charAt(i) == 'x' && text.charAt(i + 1) == '.';
  }

  /** Only {@code %40} and the two characters that NFKC turns into {@code @} can become one. */
  private static boolean mayHoldAnAt(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '@' || c == '%' || c == '\uFF20' || c == '\uFE6B') {
        return true;
      }
    }
    return false;
  }

  private static boolean mayBeDisguised(String text) {
    return text.indexOf('%') >= 0 || !isAscii(text);
  }

  private static boolean isLocalPartEnd(int c) {
    return c < 0x80
        ? isAsciiLetterOrDigit(c) || LOCAL_LAST_PUNCTUATION.indexOf(c) >= 0
        : Character.isLetterOrDigit(c) || isMark(c);
  }

  private static boolean isDomainChar(int c) {
    return c < 0x80
        ? isAsciiLetterOrDigit(c) || c == '.' || c == '-'
        : Character.isLetterOrDigit(c) || isMark(c);
  }

  /** Combining marks: the vowel signs of Devanagari or Thai domains are part of their labels. */
  private static boolean isMark(int c) {
    int type = Character.getType(c);
    return type == Character.NON_SPACING_MARK
        || type == Character.COMBINING_SPACING_MARK
        || type == Character.ENCLOSING_MARK;
  }

  private static boolean isAscii(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) >= 0x80) {
        return false;
      }
    }
    return true;
  }

  private static boolean isAsciiDigit(int c) {
    return c >= '0' && c <= '9';
  }

  private static boolean isAsciiLetterOrDigit(int c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || isAsciiDigit(c);
  }
}
