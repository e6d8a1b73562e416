package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;
import java.time.Instant;
import java.util.UUID;

/**
 * One accepted receipt of an event: {@code counted} (the unique copy), {@code duplicate}, or {@code
 * pending} (the unique copy, still waiting for its scan session until {@code pendingUntil}, not
 * counted yet); a duplicate shows the attribution of the counted copy and which receipt that was.
 * {@code test}: a test event, shown but never counted.
 */
public record Receipt(
    UUID ingestId,
    String eventId,
    String eventName,
    Instant receivedAt,
    Instant eventTime,
    Instant storedAt,
    String status,
    AttributionView attribution,
    ConversionValue conversionValue,
    UUID duplicateOf,
    boolean test,
    Instant pendingUntil) {}
