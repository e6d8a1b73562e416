package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;

/** Visits the strings or the numbers of a JSON tree, at any depth, in document order. */
final class JsonTree {
  private JsonTree() {}

  /** Every field name (located at its field) and every string value under {@code node}. */
  static void forEachString(JsonNode node, Loc loc, BiConsumer<Loc, String> visitor) {
    walk(node, loc, visitor, (at, number) -> {});
  }

  /** Every number under {@code node}. */
  static void forEachNumber(JsonNode node, Loc loc, BiConsumer<Loc, JsonNode> visitor) {
    walk(node, loc, (at, text) -> {}, visitor);
  }

  private static void walk(
      JsonNode node, Loc loc, BiConsumer<Loc, String> strings, BiConsumer<Loc, JsonNode> numbers) {
    if (node.isTextual()) {
      strings.accept(loc, node.textValue());
    } else if (node.isNumber()) {
      numbers.accept(loc, node);
    } else if (node.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        Loc fieldLoc = loc.field(field.getKey());
        strings.accept(fieldLoc, field.getKey());
        walk(field.getValue(), fieldLoc, strings, numbers);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), loc.index(i), strings, numbers);
      }
    }
  }
}
