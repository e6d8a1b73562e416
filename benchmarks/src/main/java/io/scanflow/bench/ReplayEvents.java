package io.scanflow.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * The records the replay benchmark writes straight to Kafka, as ingest-api would have: receipts of
 * {@code server-events} (key {@code site_id/event_id}, timestamp {@code received_at}, the
 * IngestedEvent JSON of ingested-event.schema.json) and the scan sessions of {@code scan-sessions}
 * (key {@code scan_session_id}, timestamp {@code scanned_at}).
 *
 * <p>Receipt {@code i} is a duplicate when {@code i % 100 < duplicatePercent} (from the second
 * hundred on): it resends the event of receipt {@code i - 50}, which is never itself a duplicate
 * (at most 50 %), with a new {@code ingest_id} and a later {@code received_at}. An event whose
 * {@code index % 100} falls in {@code [50, 50 + unknownSessionPercent)} names a session that never
 * exists (it ends {@code session_not_found}); every other names one of the sessions. Receipts are
 * spread evenly over {@code span} from {@code start}; sessions were scanned an hour before. Each
 * event's content depends only on its index and the run id, so a duplicate is an exact resend.
 */
final class ReplayEvents {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Kafka record: its key, timestamp (epoch ms) and value. */
  record Record(String key, long timestamp, byte[] value) {}

  private final String siteId;
  private final String runId;
  private final long count;
  private final int duplicatePercent;
  private final int unknownSessionPercent;
  private final List<String> sessions;
  private final Instant start;
  private final long spacingNanos;

  ReplayEvents(
      String siteId,
      String runId,
      long count,
      int sessionCount,
      int duplicatePercent,
      int unknownSessionPercent,
      Instant start,
      Duration span) {
    if (duplicatePercent < 0 || duplicatePercent > 50) {
      throw new IllegalArgumentException("duplicate percent must be 0..50");
    }
    if (unknownSessionPercent < 0 || unknownSessionPercent > 50) {
      throw new IllegalArgumentException("unknown-session percent must be 0..50");
    }
    this.siteId = siteId;
    this.runId = runId;
    this.count = count;
    this.duplicatePercent = duplicatePercent;
    this.unknownSessionPercent = unknownSessionPercent;
    this.sessions =
        java.util.stream.IntStream.range(0, sessionCount)
            .mapToObj(n -> uuid("session-" + n))
            .toList();
    this.start = start;
    this.spacingNanos = Math.max(1, span.toNanos() / Math.max(1, count));
  }

  long count() {
    return count;
  }

  String eventName() {
    return "replay-" + runId;
  }

  boolean isDuplicate(long index) {
    return index >= 100 && index % 100 < duplicatePercent;
  }

  /** How many of the {@link #count} receipts are duplicates. */
  long duplicates() {
    long full = count / 100;
    long partial = Math.min(count % 100, duplicatePercent);
    return Math.max(0, full - 1) * duplicatePercent + (full >= 1 ? partial : 0);
  }

  /** The scan sessions, all scanned an hour before the first receipt. */
  List<Record> sessions() {
    Instant scannedAt = start.minus(Duration.ofHours(1));
    return java.util.stream.IntStream.range(0, sessions.size())
        .mapToObj(
            n -> {
              ObjectNode session = JSON.createObjectNode();
              session.put("scan_session_id", sessions.get(n));
              session.put("site_id", siteId);
              session.put("qr_code_id", "poster-" + (n % 10));
              session.put("campaign", "replay-benchmark");
              session.put("scanned_at", scannedAt.toString());
              return new Record(sessions.get(n), scannedAt.toEpochMilli(), bytes(session));
            })
        .toList();
  }

  /** Receipt {@code index} (0-based) of {@code server-events}. */
  Record receipt(long index) {
    long event = isDuplicate(index) ? index - 50 : index;
    Instant receivedAt = start.plusNanos(index * spacingNanos);
    SplittableRandom random = new SplittableRandom(event);
    String eventId = "replay-" + runId + "-" + event;
    ObjectNode json = JSON.createObjectNode();
    json.put("schema_version", 1);
    json.put("ingest_id", uuid("receipt-" + index));
    json.put("event_id", eventId);
    json.put("event_id_generated", false);
    json.put("site_id", siteId);
    json.put("api_key_id", "replay-benchmark");
    json.put("event_name", eventName());
    json.put("scan_session_id", sessionOf(event, random));
    Instant eventTime = start.plusNanos(event * spacingNanos).minusMillis(random.nextInt(5_000));
    json.put("event_time", eventTime.toString());
    json.put("received_at", receivedAt.toString());
    PurchaseFields.addTo(json, random);
    json.put("test", false);
    return new Record(siteId + "/" + eventId, receivedAt.toEpochMilli(), bytes(json));
  }

  private String sessionOf(long event, SplittableRandom random) {
    long slot = event % 100;
    if (slot >= 50 && slot < 50 + unknownSessionPercent) {
      return uuid("unknown-session-" + event);
    }
    return sessions.get(random.nextInt(sessions.size()));
  }

  private String uuid(String name) {
    return UUID.nameUUIDFromBytes((runId + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
  }

  private static byte[] bytes(ObjectNode json) {
    return json.toString().getBytes(StandardCharsets.UTF_8);
  }
}
