package io.scanflow.reports.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * One request ingest-api refused to the site's keys, as the site sees it: when, where, what status,
 * which event when its id could be read, and the answer's detail (a message or the problems).
 */
public record Rejection(
    @JsonProperty("at") Instant at,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("status") int status,
    @JsonProperty("event_id") String eventId,
    @JsonProperty("detail") JsonNode detail) {}
