package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * The rules every string of a request obeys wherever it is: known and unknown fields, field names,
 * {@code properties} and {@code user_identifiers} keys and values at any depth. No U+0000 or
 * unpaired surrogate ({@link UnstorableText}), no raw e-mail address ({@link RawEmailDetector}).
 * Runs after the field rules, so their problems come first.
 */
final class RequestText {
  private RequestText() {}

  static void check(JsonNode node, Loc loc, List<Problem> problems) {
    UnstorableText.scan(node, loc, problems);
    RawEmailDetector.scan(node, loc, problems);
  }
}
