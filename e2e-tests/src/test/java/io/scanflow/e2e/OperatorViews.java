package io.scanflow.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the e2e tests read the operator's views of dead letters: {@code GET /api/pipeline} and {@code
 * GET /api/sites/{site_id}/warnings} (pipeline.md §4). Their JSON field names live here only;
 * absent fields read as null, so a test fails on them rather than here.
 */
final class OperatorViews {
  private OperatorViews() {}

  /** One stage of {@code /api/pipeline}. */
  record StageHealth(String stage, String status, Long deadLetters24h) {}

  /** One dead letter of a site, as {@code /warnings} lists it. */
  record Warning(String at, String stage, String errorClass, String errorMessage, String eventId) {}

  /** A site's {@code /warnings}. */
  record Warnings(Long counts24h, List<Warning> recent) {}

  /** The stages by name; {@code stages} may be a list of objects with a name or an object. */
  static Map<String, StageHealth> stages(JsonNode pipeline) {
    Map<String, StageHealth> stages = new LinkedHashMap<>();
    JsonNode all = pipeline.path("stages");
    if (all.isArray()) {
      all.forEach(stage -> put(stages, stage.path("stage").asText(), stage));
    } else {
      all.properties().forEach(entry -> put(stages, entry.getKey(), entry.getValue()));
    }
    return stages;
  }

  static Warnings warnings(JsonNode body) {
    List<Warning> recent = new ArrayList<>();
    body.path("recent")
        .forEach(
            warning ->
                recent.add(
                    new Warning(
                        text(warning, "at"),
                        text(warning, "stage"),
                        text(warning, "error_class"),
                        text(warning, "error_message"),
                        text(warning, "event_id"))));
    return new Warnings(number(body, "counts_24h"), recent);
  }

  private static void put(Map<String, StageHealth> stages, String name, JsonNode stage) {
    stages.put(
        name, new StageHealth(name, text(stage, "status"), number(stage, "dead_letters_24h")));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static Long number(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || !value.isNumber() ? null : value.longValue();
  }
}
