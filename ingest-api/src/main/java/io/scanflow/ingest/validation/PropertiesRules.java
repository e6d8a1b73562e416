package io.scanflow.ingest.validation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.StorableNumbers;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * The rules of {@code properties}: size, nesting depth and numbers that PostgreSQL's {@code jsonb}
 * can hold. Its strings obey the rules of every string ({@link RequestText}).
 */
public final class PropertiesRules {
  public static final int MAX_BYTES = 10_240;
  public static final int MAX_DEPTH = 10;

  private PropertiesRules() {}

  public static void check(JsonNode properties, Loc loc, List<Problem> problems) {
    if (compactSize(properties) > MAX_BYTES) {
      problems.add(Problem.propertiesTooLarge(loc, MAX_BYTES));
    }
    firstTooDeep(properties, loc, 1)
        .ifPresent(tooDeep -> problems.add(Problem.tooDeep(tooDeep, MAX_DEPTH)));
    JsonTree.forEachNumber(
        properties,
        loc,
        (at, number) -> {
          if (!StorableNumbers.isStorableInJson(number)) {
            problems.add(Problem.numberBounds(at));
          }
        });
  }

  /**
   * Where the first container deeper than {@link #MAX_DEPTH} is, if any; the properties object
   * itself is level 1, and each nested object or array adds a level.
   */
  private static Optional<Loc> firstTooDeep(JsonNode node, Loc loc, int level) {
    if (!node.isContainerNode()) {
      return Optional.empty();
    }
    if (level > MAX_DEPTH) {
      return Optional.of(loc);
    }
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        Optional<Loc> found = firstTooDeep(node.get(i), loc.index(i), level + 1);
        if (found.isPresent()) {
          return found;
        }
      }
      return Optional.empty();
    }
    Iterator<String> names = node.fieldNames();
    while (names.hasNext()) {
      String name = names.next();
      Optional<Loc> found = firstTooDeep(node.get(name), loc.field(name), level + 1);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }

  private static int compactSize(JsonNode node) {
    try {
      return ContractJson.mapper().writeValueAsBytes(node).length;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("A parsed JSON tree can always be written", e);
    }
  }
}
