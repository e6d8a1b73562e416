package io.scanflow.contract;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.Set;

/**
 * Whose record a dead letter was: the {@code site_id} (and {@code event_id}) read, best effort,
 * from the record's key or the top level of its JSON value. Bytes that are not JSON, or fields that
 * are not plain strings, give nulls; this never throws.
 */
public record DeadLetterSubject(String siteId, String eventId) {
  /** Topics whose key is {@code {site_id}/{event_id}} (see {@link EventKey}). */
  private static final Set<String> EVENT_KEYED =
      Set.of(
          Topics.SERVER_EVENTS.name(),
          Topics.SERVER_EVENTS_DUPLICATES.name(),
          Topics.SERVER_EVENTS_ATTRIBUTED.name());

  private static final JsonFactory JSON = new JsonFactory();
  private static final int MAX_ID_LENGTH = 256;

  public static final DeadLetterSubject UNKNOWN = new DeadLetterSubject(null, null);

  /** Reads the value's top-level {@code site_id} and {@code event_id}, else the event key. */
  public static DeadLetterSubject of(String topic, String key, byte[] value) {
    DeadLetterSubject fromValue = fromJson(value);
    if (fromValue.siteId() != null) {
      return fromValue;
    }
    if (key != null && EVENT_KEYED.contains(topic)) {
      int slash = key.indexOf('/');
      if (slash > 0) {
        return new DeadLetterSubject(
            clean(key.substring(0, slash)), clean(key.substring(slash + 1)));
      }
    }
    return fromValue;
  }

  private static DeadLetterSubject fromJson(byte[] value) {
    if (value == null || value.length == 0) {
      return UNKNOWN;
    }
    String siteId = null;
    String eventId = null;
    try (JsonParser parser = JSON.createParser(value)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return UNKNOWN;
      }
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String field = parser.currentName();
        JsonToken fieldValue = parser.nextToken();
        if (fieldValue == JsonToken.VALUE_STRING && field.equals("site_id")) {
          siteId = clean(parser.getText());
        } else if (fieldValue == JsonToken.VALUE_STRING && field.equals("event_id")) {
          eventId = clean(parser.getText());
        } else {
          parser.skipChildren();
        }
      }
    } catch (IOException | RuntimeException e) {
      // Unreadable past some point: keep what was read before it.
    }
    return new DeadLetterSubject(siteId, eventId);
  }

  /** Only ids a table and a header can hold: storable, no control characters. */
  private static String clean(String id) {
    boolean usable =
        id != null
            && !id.isEmpty()
            && id.length() <= MAX_ID_LENGTH
            && StorableText.isStorable(id)
            && !StorableText.hasControlCharacter(id);
    return usable ? id : null;
  }
}
