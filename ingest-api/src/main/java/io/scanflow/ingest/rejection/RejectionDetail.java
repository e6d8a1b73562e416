package io.scanflow.ingest.rejection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.StorableText;
import io.scanflow.ingest.validation.Problem;
import java.util.List;

/**
 * The {@code detail} of an error answer, as the rejection log keeps it: a message, or the list of
 * problems. Problem messages are fixed texts and {@code loc} holds field paths (a property's name
 * can appear there, never its value), except for a JSON syntax error, whose parser message quotes
 * the body: it is replaced by a fixed text. Every text is made storable and cut to a bounded size.
 */
public final class RejectionDetail {
  static final String JSON_SYNTAX_MSG = "body is not valid JSON";
  private static final String JSON_SYNTAX_TYPE = "value_error.jsondecode";
  private static final int MAX_TEXT = 256;
  private static final int MAX_PROBLEMS = 50;
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private RejectionDetail() {}

  /** The storable form of an error body's {@code detail} (a string, or a list of problems). */
  public static JsonNode of(Object detail) {
    if (detail instanceof List<?> items) {
      ArrayNode problems = NODES.arrayNode();
      items.stream()
          .filter(Problem.class::isInstance)
          .limit(MAX_PROBLEMS)
          .forEach(item -> problems.add(problem((Problem) item)));
      return problems;
    }
    return NODES.textNode(text(detail == null ? "" : detail.toString()));
  }

  private static ObjectNode problem(Problem problem) {
    ObjectNode node = NODES.objectNode();
    ArrayNode loc = node.putArray("loc");
    for (Object part : problem.loc()) {
      if (part instanceof Integer index) {
        loc.add(index);
      } else {
        loc.add(text(String.valueOf(part)));
      }
    }
    boolean syntax = JSON_SYNTAX_TYPE.equals(problem.type());
    node.put("msg", syntax ? JSON_SYNTAX_MSG : text(problem.msg()));
    node.put("type", text(problem.type()));
    return node;
  }

  /** {@code text} made storable and cut to the log's bounded size. */
  static String text(String text) {
    return StorableText.storable(text, MAX_TEXT);
  }
}
