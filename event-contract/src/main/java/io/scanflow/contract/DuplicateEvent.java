package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * A later receipt of an event id already counted, on {@code server-events-duplicates}: the
 * IngestedEvent's fields plus the ingest id and receipt time of the copy that was counted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DuplicateEvent(
    @JsonUnwrapped IngestedEvent event,
    @JsonProperty("first_ingest_id") UUID firstIngestId,
    @JsonProperty("first_received_at") Instant firstReceivedAt) {}
