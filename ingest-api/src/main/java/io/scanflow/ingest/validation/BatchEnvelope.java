package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The envelope of a batch, {@code {"events": [...]}} with 1 to 500 events (http-api.md §4). */
public final class BatchEnvelope {
  public static final int MAX_EVENTS = 500;

  private BatchEnvelope() {}

  /** The events of the batch, or the problems of the envelope (which fail the whole request). */
  public static Validated<List<JsonNode>> events(JsonNode body) {
    Loc loc = Loc.body();
    if (!body.isObject()) {
      return Validated.invalid(List.of(Problem.notObject(loc)));
    }
    List<Problem> problems = new ArrayList<>();
    eventsProblem(body.get("events"), loc.field("events")).ifPresent(problems::add);
    RequestText.check(besideEvents(body), loc, problems);
    if (!problems.isEmpty()) {
      return Validated.invalid(problems);
    }
    List<JsonNode> items = new ArrayList<>(body.get("events").size());
    body.get("events").forEach(items::add);
    return Validated.valid(items);
  }

  /** What is wrong with the {@code events} array, if anything. */
  private static Optional<Problem> eventsProblem(JsonNode events, Loc eventsLoc) {
    if (events == null || events.isNull()) {
      return Optional.of(Problem.missing(eventsLoc));
    }
    if (!events.isArray()) {
      return Optional.of(Problem.notList(eventsLoc));
    }
    if (events.isEmpty()) {
      return Optional.of(Problem.tooFewItems(eventsLoc, 1));
    }
    if (events.size() > MAX_EVENTS) {
      return Optional.of(Problem.tooManyItems(eventsLoc, MAX_EVENTS));
    }
    return Optional.empty();
  }

  /** The envelope's other fields: ignored, but their strings obey the rules of every string. */
  private static ObjectNode besideEvents(JsonNode body) {
    ObjectNode others = JsonNodeFactory.instance.objectNode();
    body.fields()
        .forEachRemaining(
            field -> {
              if (!field.getKey().equals("events")) {
                others.set(field.getKey(), field.getValue());
              }
            });
    return others;
  }
}
