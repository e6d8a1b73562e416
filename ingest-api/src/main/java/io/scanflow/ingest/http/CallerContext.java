package io.scanflow.ingest.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.StorableText;
import io.scanflow.contract.ratelimit.RateLimitDecision;
import io.scanflow.ingest.auth.Caller;
import jakarta.enterprise.context.RequestScoped;

/** What the API-key filter learnt about the current request, for the resource and the headers. */
@RequestScoped
public class CallerContext {
  private static final int MAX_EVENT_ID = 128;

  private Caller caller;
  private RateLimitDecision rateLimit;
  private String eventId;

  public Caller caller() {
    if (caller == null) {
      throw new IllegalStateException("No authenticated caller on this request");
    }
    return caller;
  }

  /** The authenticated caller, or null when the request was refused before (401, 403 key). */
  public Caller authenticatedCaller() {
    return caller;
  }

  /**
   * Notes the body's top-level {@code event_id}, if it is a plain string, so that a refusal of this
   * request can name the event (the rejection log); an id no column could hold is left out.
   */
  public void bodyRead(JsonNode body) {
    JsonNode id = body.isObject() ? body.get("event_id") : null;
    if (id != null
        && id.isTextual()
        && id.textValue().length() <= MAX_EVENT_ID
        && StorableText.isStorable(id.textValue())
        && !StorableText.hasControlCharacter(id.textValue())) {
      eventId = id.textValue();
    }
  }

  /** The event id noted by {@link #bodyRead}, or null. */
  public String eventId() {
    return eventId;
  }

  void authenticated(Caller caller, RateLimitDecision rateLimit) {
    this.caller = caller;
    this.rateLimit = rateLimit;
  }

  RateLimitDecision rateLimit() {
    return rateLimit;
  }
}
