package io.scanflow.reports.store;

import io.scanflow.contract.DuplicateEvent;
import java.time.Instant;

/** A later receipt of a counted event id, with when dedupe-stream recognised it. */
public record DuplicateReceipt(DuplicateEvent event, Instant deduplicatedAt) implements ReportRow {}
