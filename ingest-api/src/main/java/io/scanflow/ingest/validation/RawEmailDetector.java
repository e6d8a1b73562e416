package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Finds raw e-mail addresses in any string of a JSON tree, keys included, at any depth. A linear
 * scan around each {@code @} rather than a regular expression, so a long string can't make it slow.
 */
public final class RawEmailDetector {
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

  /** True when {@code text} contains {@code local@domain.tld} anywhere. */
  public static boolean containsEmail(String text) {
    int at = text.indexOf('@');
    while (at >= 0) {
      if (at > 0 && isLocalChar(text.charAt(at - 1)) && hasDomainAfter(text, at + 1)) {
        return true;
      }
      at = text.indexOf('@', at + 1);
    }
    return false;
  }

  private static boolean hasDomainAfter(String text, int start) {
    int end = start;
    while (end < text.length() && isDomainChar(text.charAt(end))) {
      end++;
    }
    while (end > start && (text.charAt(end - 1) == '.' || text.charAt(end - 1) == '-')) {
      end--;
    }
    int lastDot = text.lastIndexOf('.', end - 1);
    if (lastDot <= start || end - lastDot - 1 < 2) {
      return false;
    }
    for (int i = lastDot + 1; i < end; i++) {
      if (!Character.isLetter(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static boolean isLocalChar(char c) {
    return isAsciiLetterOrDigit(c) || "._%+-!#$&'*/=?^`{|}~".indexOf(c) >= 0;
  }

  private static boolean isDomainChar(char c) {
    return isAsciiLetterOrDigit(c) || c == '.' || c == '-';
  }

  private static boolean isAsciiLetterOrDigit(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
  }
}
