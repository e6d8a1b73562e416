package io.scanflow.attribution;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.scanflow.contract.IngestedEvent;
import java.time.Instant;

/**
 * An event waiting for its scan session, in the pending store: the event, when it started waiting
 * (wall clock), and what must be restored on the output record (its timestamp and the
 * deduplicated-at header), since a record released later no longer carries the input's metadata.
 * Where it was read ({@code server-events-unique} partition and offset; null in entries stored
 * before they were kept) names it if it has to be dead-lettered when released.
 */
public record PendingEvent(
    @JsonProperty("event") IngestedEvent event,
    @JsonProperty("pending_since") Instant pendingSince,
    @JsonProperty("record_timestamp") long recordTimestamp,
    @JsonProperty("deduplicated_at") Instant deduplicatedAt,
    @JsonProperty("source_partition") Integer sourcePartition,
    @JsonProperty("source_offset") Long sourceOffset) {}
