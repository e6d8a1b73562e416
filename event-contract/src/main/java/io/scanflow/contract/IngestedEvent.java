package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/** One accepted HTTP receipt of a server event, as written to {@code server-events}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record IngestedEvent(
    @JsonProperty("schema_version") int schemaVersion,
    @JsonProperty("ingest_id") UUID ingestId,
    @JsonProperty("event_id") String eventId,
    @JsonProperty("event_id_generated") boolean eventIdGenerated,
    @JsonProperty("site_id") String siteId,
    @JsonProperty("api_key_id") String apiKeyId,
    @JsonProperty("event_name") String eventName,
    @JsonProperty("scan_session_id") String scanSessionId,
    @JsonProperty("event_time") Instant eventTime,
    @JsonProperty("received_at") Instant receivedAt,
    @JsonProperty("properties") ObjectNode properties,
    @JsonProperty("conversion_value") ConversionValue conversionValue,
    @JsonProperty("user_identifiers") UserIdentifiers userIdentifiers) {

  public static final int SCHEMA_VERSION = 1;

  /** The key this event has on {@code server-events} and every topic keyed per event. */
  public String eventKey() {
    return EventKey.of(siteId, eventId);
  }
}
