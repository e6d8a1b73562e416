package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.StorableText;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Refuses U+0000 and unpaired surrogates in every string of a request, field names included, at any
 * depth: no topic, column or {@code jsonb} value downstream could hold them. Runs after the field
 * rules, and a string one of them already refused is not reported a second time.
 */
final class UnstorableText {
  private UnstorableText() {}

  static void scan(JsonNode node, Loc loc, List<Problem> problems) {
    Set<List<Object>> reported = new HashSet<>();
    problems.forEach(problem -> reported.add(problem.loc()));
    JsonTree.forEachString(
        node,
        loc,
        (at, text) -> {
          if (!StorableText.isStorable(text)) {
            Problem problem = Problem.unstorableCharacter(at);
            if (reported.add(problem.loc())) {
              problems.add(problem);
            }
          }
        });
  }
}
