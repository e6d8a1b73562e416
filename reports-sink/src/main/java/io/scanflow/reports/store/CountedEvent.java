package io.scanflow.reports.store;

import io.scanflow.contract.AttributedEvent;
import java.time.Instant;

/** An attributed (unique) event as read from its topic, with when dedupe-stream passed it. */
public record CountedEvent(AttributedEvent event, Instant deduplicatedAt) implements ReportRow {}
