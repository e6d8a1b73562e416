package io.scanflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Valid server-event bodies of a realistic size (a purchase with a few line items, a conversion
 * value and a hashed email, about 700 bytes), each with a unique {@code event_id} and one of the
 * scan sessions created before the run, so that attribution never waits for a session.
 */
public final class EventBodies {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int VARIANTS = 256;
  private static final String ID_MARKER = "{{event_id}}";
  private static final String TIME_MARKER = "{{event_time}}";
  private final String siteId;
  private final List<String> sessions;
  private final String eventName;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final AtomicLong sequence = new AtomicLong();
  private volatile String[][] variants;

  /** Purchases; see {@link #named}. */
  public EventBodies(String siteId, List<String> sessions) {
    this(siteId, sessions, "purchase");
  }

  private EventBodies(String siteId, List<String> sessions, String eventName) {
    this.siteId = siteId;
    this.sessions = List.copyOf(sessions);
    this.eventName = eventName;
  }

  /**
   * The same sessions with an {@code event_name} of their own (and a new run id), so that the
   * reports' count per event name says how many of these events are visible.
   */
  public EventBodies named(String name) {
    return new EventBodies(siteId, sessions, name);
  }

  public String eventName() {
    return eventName;
  }

  /** A short random id that keeps the event names and ids of repeated runs on one stack apart. */
  public String runId() {
    return runId;
  }

  /** A unique event id: the run id keeps ids of repeated runs on one stack apart. */
  public String nextEventId() {
    return "bench-" + runId + "-" + sequence.incrementAndGet();
  }

  /**
   * One event body, now. Filled into one of {@value #VARIANTS} bodies rendered once, so that
   * writing the load costs the runner little of the CPU it shares with the stack it measures.
   */
  public String event(String eventId) {
    String[] parts = variants()[ThreadLocalRandom.current().nextInt(VARIANTS)];
    return new StringBuilder(parts[0].length() + parts[1].length() + parts[2].length() + 64)
        .append(parts[0])
        .append(eventId)
        .append(parts[1])
        .append(Instant.now())
        .append(parts[2])
        .toString();
  }

  private String[][] variants() {
    String[][] rendered = variants;
    if (rendered == null) {
      rendered = new String[VARIANTS][];
      for (int i = 0; i < VARIANTS; i++) {
        // Rendered with markers as values, then cut around them: {before id, between, after time}.
        String body = event(ID_MARKER, TIME_MARKER).toString();
        int id = body.indexOf(ID_MARKER);
        int time = body.indexOf(TIME_MARKER);
        rendered[i] =
            new String[] {
              body.substring(0, id),
              body.substring(id + ID_MARKER.length(), time),
              body.substring(time + TIME_MARKER.length())
            };
      }
      variants = rendered;
    }
    return rendered;
  }

  /** A batch body {@code {"events": [...]}} of {@code size} new events. */
  public String batch(int size) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode events = body.putArray("events");
    Instant now = Instant.now();
    for (int i = 0; i < size; i++) {
      events.add(event(nextEventId(), now));
    }
    return body.toString();
  }

  private ObjectNode event(String eventId, Instant eventTime) {
    return event(eventId, eventTime.toString());
  }

  private ObjectNode event(String eventId, String eventTime) {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    ObjectNode event = JSON.createObjectNode();
    event.put("site_id", siteId);
    event.put("event_name", eventName);
    event.put("event_id", eventId);
    event.put("scan_session_id", sessions.get(random.nextInt(sessions.size())));
    event.put("event_time", eventTime);
    PurchaseFields.addTo(event, random);
    return event;
  }
}
