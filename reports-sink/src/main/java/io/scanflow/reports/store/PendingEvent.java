package io.scanflow.reports.store;

import io.scanflow.contract.AttributedEvent;
import java.time.Instant;

/**
 * A provisional record of an event still waiting for its scan session (attribution status {@code
 * pending}): shown until its final record, which is a {@link CountedEvent}, replaces it.
 */
public record PendingEvent(AttributedEvent event, Instant deduplicatedAt) implements ReportRow {}
