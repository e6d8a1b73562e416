package io.scanflow.reports.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.ConversionValue;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The way of one event through the pipeline: accepted by ingest-api, passed by dedupe-stream,
 * attributed, stored here; plus every later receipt that was recognised as its duplicate. {@code
 * test}: a test event, excluded from every figure. {@code stage} says how far it got: {@code
 * pending} (waiting for its scan session until {@code pendingUntil}, not counted; no {@code
 * attributedAt} yet) or {@code stored} (final, and counted unless a test event).
 */
public record EventTrace(
    String siteId,
    String eventId,
    String stage,
    Instant pendingUntil,
    String eventName,
    UUID ingestId,
    String scanSessionId,
    Instant eventTime,
    Instant acceptedAt,
    Instant deduplicatedAt,
    Instant attributedAt,
    Instant storedAt,
    AttributionView attribution,
    ConversionValue conversionValue,
    JsonNode properties,
    List<DuplicateTrace> duplicates,
    boolean test) {

  /** A later receipt of the same event id. */
  public record DuplicateTrace(
      UUID ingestId, Instant acceptedAt, Instant deduplicatedAt, Instant storedAt) {}
}
