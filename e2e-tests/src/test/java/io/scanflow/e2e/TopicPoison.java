package io.scanflow.e2e;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.EventKey;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.Topics;
import io.scanflow.contract.UnattributedReason;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A record written straight to a topic that some stage cannot process, and what its dead letter
 * must say (pipeline.md §1, "No record can stop a stage").
 *
 * @param marker an ASCII text in the record's key or value, kept by every copy of it downstream
 * @param stages the stages that may dead-letter it (one for a record its first reader cannot read)
 * @param siteId the {@code scanflow.dlq.site-id} its dead letter must carry, or null when the site
 *     cannot be read
 */
record TopicPoison(
    String name,
    String topic,
    String key,
    byte[] value,
    String marker,
    Set<String> stages,
    String siteId) {
  static final String DEDUPE = "dedupe-stream";
  static final String ATTRIBUTION = "attribution-stream";
  static final String SINK = "reports-sink";

  @Override
  public String toString() {
    return name + " on " + topic;
  }

  /** Whether a dead letter is this poison's, from an allowed stage, with the expected site. */
  boolean isDeadLetteredBy(DeadLetterLog.DeadLetter letter) {
    return letter.mentions(marker)
        && stages.contains(letter.stage())
        && (siteId == null || siteId.equals(letter.siteId()));
  }

  /** One poison for every topic a stage reads, unreadable or unprocessable, of {@code siteId}. */
  static List<TopicPoison> corpus(String siteId) {
    return List.of(
        unreadable(Topics.SERVER_EVENTS.name(), siteId, DEDUPE),
        unreadable(Topics.SERVER_EVENTS_UNIQUE.name(), null, ATTRIBUTION),
        unreadable(Topics.SCAN_SESSIONS.name(), null, ATTRIBUTION),
        // read into attribution's global store byte for byte; the sink is the stage that reads it
        unreadable(Topics.TRACKING_SITES.name(), null, SINK),
        unreadable(Topics.SERVER_EVENTS_ATTRIBUTED.name(), siteId, SINK),
        unreadable(Topics.SERVER_EVENTS_DUPLICATES.name(), siteId, SINK),
        tombstone(Topics.SERVER_EVENTS_DUPLICATES.name(), siteId),
        unique("event_time null", siteId),
        attributed("U+0000 in a property", siteId, props().put("note", "a\u0000b"), null),
        attributed(
            "property number 1e999999",
            siteId,
            props().put("big", new BigDecimal("1e999999")),
            null),
        attributed(
            "amount 1e200000",
            siteId,
            props(),
            new ConversionValue(new BigDecimal("1e200000"), "EUR")),
        duplicate("U+0000 in event_name", siteId),
        travelling("U+0000 in a property", siteId));
  }

  private static TopicPoison unreadable(String topic, String siteId, String stage) {
    String marker = newMarker();
    // a key per event where the topic has one, so the site can be read from it
    String key = siteId == null ? marker : EventKey.of(siteId, marker);
    return new TopicPoison(
        "unreadable bytes", topic, key, garbage(marker), marker, Set.of(stage), siteId);
  }

  private static TopicPoison tombstone(String topic, String siteId) {
    String marker = newMarker();
    return new TopicPoison(
        "null value", topic, EventKey.of(siteId, marker), null, marker, Set.of(SINK), siteId);
  }

  private static TopicPoison unique(String name, String siteId) {
    String marker = newMarker();
    IngestedEvent event = event(siteId, marker, "purchase", null, props(), null);
    byte[] value =
        Topics.SERVER_EVENTS_UNIQUE
            .valueSerde()
            .serializer()
            .serialize(Topics.SERVER_EVENTS_UNIQUE.name(), event);
    return new TopicPoison(
        name,
        Topics.SERVER_EVENTS_UNIQUE.name(),
        event.scanSessionId(),
        value,
        marker,
        Set.of(ATTRIBUTION),
        siteId);
  }

  private static TopicPoison attributed(
      String name, String siteId, ObjectNode properties, ConversionValue value) {
    String marker = newMarker();
    IngestedEvent event = event(siteId, marker, "purchase", Instant.now(), properties, value);
    AttributedEvent attributed =
        new AttributedEvent(
            event, Attribution.unattributed(UnattributedReason.SESSION_NOT_FOUND), Instant.now());
    String topic = Topics.SERVER_EVENTS_ATTRIBUTED.name();
    return new TopicPoison(
        name,
        topic,
        event.eventKey(),
        Topics.SERVER_EVENTS_ATTRIBUTED.valueSerde().serializer().serialize(topic, attributed),
        marker,
        Set.of(SINK),
        siteId);
  }

  private static TopicPoison duplicate(String name, String siteId) {
    String marker = newMarker();
    IngestedEvent event = event(siteId, marker, "purchase\u0000", Instant.now(), props(), null);
    DuplicateEvent duplicate = new DuplicateEvent(event, UUID.randomUUID(), Instant.now());
    String topic = Topics.SERVER_EVENTS_DUPLICATES.name();
    return new TopicPoison(
        name,
        topic,
        event.eventKey(),
        Topics.SERVER_EVENTS_DUPLICATES.valueSerde().serializer().serialize(topic, duplicate),
        marker,
        Set.of(SINK),
        siteId);
  }

  /** Readable for the streams; whichever stage guards storability must catch it. */
  private static TopicPoison travelling(String name, String siteId) {
    String marker = newMarker();
    IngestedEvent event =
        event(siteId, marker, "purchase", Instant.now(), props().put("note", "x\u0000y"), null);
    String topic = Topics.SERVER_EVENTS.name();
    return new TopicPoison(
        name + ", travelling from server-events",
        topic,
        event.eventKey(),
        Topics.SERVER_EVENTS.valueSerde().serializer().serialize(topic, event),
        marker,
        Set.of(DEDUPE, ATTRIBUTION, SINK),
        siteId);
  }

  private static IngestedEvent event(
      String siteId,
      String eventId,
      String eventName,
      Instant eventTime,
      ObjectNode properties,
      ConversionValue value) {
    return IngestedEvent.builder()
        .receipt(UUID.randomUUID(), "e2e-poison", Instant.now())
        .eventId(eventId, false)
        .siteId(siteId)
        .eventName(eventName)
        .scanSessionId(UUID.randomUUID().toString())
        .eventTime(eventTime)
        .properties(properties)
        .conversionValue(value)
        .build();
  }

  private static ObjectNode props() {
    return ScanflowClient.JSON.createObjectNode().put("plan", "pro");
  }

  /** Not JSON and not UTF-8: a byte-order mark gone wrong, a NUL, a cut multi-byte sequence. */
  private static byte[] garbage(String marker) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    bytes.writeBytes(new byte[] {(byte) 0xff, (byte) 0xfe, 0, '{'});
    bytes.writeBytes(marker.getBytes(StandardCharsets.UTF_8));
    bytes.writeBytes(new byte[] {(byte) 0xc3});
    return bytes.toByteArray();
  }

  private static String newMarker() {
    return "poison-" + UUID.randomUUID();
  }
}
