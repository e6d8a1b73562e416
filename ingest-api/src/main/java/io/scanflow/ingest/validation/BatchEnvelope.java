package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

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
    Loc eventsLoc = loc.field("events");
    JsonNode events = body.get("events");
    if (events == null || events.isNull()) {
      return Validated.invalid(List.of(Problem.missing(eventsLoc)));
    }
    if (!events.isArray()) {
      return Validated.invalid(List.of(Problem.notList(eventsLoc)));
    }
    if (events.isEmpty()) {
      return Validated.invalid(List.of(Problem.tooFewItems(eventsLoc, 1)));
    }
    if (events.size() > MAX_EVENTS) {
      return Validated.invalid(List.of(Problem.tooManyItems(eventsLoc, MAX_EVENTS)));
    }
    List<JsonNode> items = new ArrayList<>(events.size());
    events.forEach(items::add);
    return Validated.valid(items);
  }
}
