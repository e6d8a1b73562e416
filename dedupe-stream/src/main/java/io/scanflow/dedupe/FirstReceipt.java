package io.scanflow.dedupe;

import java.time.Instant;
import java.util.UUID;

/** What the dedupe store remembers of the counted copy of an event id. */
public record FirstReceipt(UUID ingestId, Instant receivedAt) {}
