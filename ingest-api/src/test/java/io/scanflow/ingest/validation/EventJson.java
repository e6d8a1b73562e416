package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.ContractJson;
import java.util.UUID;

/** Builds server-event bodies for tests: valid by default, changed one field at a time. */
public final class EventJson {
  public static final String SITE = "shop-berlin";
  private final ObjectNode json = ContractJson.mapper().createObjectNode();

  private EventJson() {}

  public static EventJson anEvent() {
    EventJson event = new EventJson();
    event.json.put("site_id", SITE);
    event.json.put("event_name", "purchase");
    event.json.put("scan_session_id", UUID.randomUUID().toString());
    return event;
  }

  public EventJson with(String field, String value) {
    json.put(field, value);
    return this;
  }

  public EventJson with(String field, JsonNode value) {
    json.set(field, value);
    return this;
  }

  /** Sets a field from a JSON literal, e.g. {@code withJson("properties", "{\"a\": 1}")}. */
  public EventJson withJson(String field, String jsonLiteral) {
    try {
      json.set(field, ContractJson.mapper().readTree(jsonLiteral));
    } catch (Exception e) {
      throw new IllegalArgumentException(jsonLiteral, e);
    }
    return this;
  }

  public EventJson without(String field) {
    json.remove(field);
    return this;
  }

  public ObjectNode json() {
    return json;
  }

  public String text() {
    return json.toString();
  }
}
