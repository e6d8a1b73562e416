package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A request ingest-api refused to an active key (403 site mismatch, 413, 415, 422, 429, and 503
 * when it shed the request at capacity), on {@code request-rejections}: what the site's integrators
 * were told, never the body or a property value (http-api.md §10).
 *
 * @param siteId the site of the key that was refused (also the record key)
 * @param at when the answer was given
 * @param endpoint the request path, e.g. {@code /server-events/batch}
 * @param status the HTTP status answered
 * @param eventId the body's top-level {@code event_id} when it could be read, else null
 * @param detail the answer's {@code detail}: a message, or the list of {@code loc}/{@code
 *     msg}/{@code type} problems
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RequestRejection(
    @JsonProperty("site_id") String siteId,
    @JsonProperty("at") Instant at,
    @JsonProperty("endpoint") String endpoint,
    @JsonProperty("status") int status,
    @JsonProperty("event_id") String eventId,
    @JsonProperty("detail") JsonNode detail) {

  /**
   * Every status the rejection log holds, in the order the reports list them: 403 site mismatch,
   * 413, 415, 422, 429, and 503 for a request shed at capacity.
   */
  public static final List<Integer> STATUSES = List.of(403, 413, 415, 422, 429, 503);
}
