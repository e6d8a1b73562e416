package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * One accepted HTTP receipt of a server event, as written to {@code server-events}. {@code test}
 * marks a test event (http-api.md §2): it flows through every stage like any other, and analytics
 * consumers and reports leave it out of every figure.
 */
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
    @JsonProperty("user_identifiers") UserIdentifiers userIdentifiers,
    @JsonProperty("test") boolean test) {

  public static final int SCHEMA_VERSION = 1;

  /**
   * A receipt that is not a test event. Records written before {@code test} existed read as such
   * too: an absent field is {@code false}.
   */
  public IngestedEvent(
      int schemaVersion,
      UUID ingestId,
      String eventId,
      boolean eventIdGenerated,
      String siteId,
      String apiKeyId,
      String eventName,
      String scanSessionId,
      Instant eventTime,
      Instant receivedAt,
      ObjectNode properties,
      ConversionValue conversionValue,
      UserIdentifiers userIdentifiers) {
    this(
        schemaVersion,
        ingestId,
        eventId,
        eventIdGenerated,
        siteId,
        apiKeyId,
        eventName,
        scanSessionId,
        eventTime,
        receivedAt,
        properties,
        conversionValue,
        userIdentifiers,
        false);
  }

  /** This receipt, marked as a test event. */
  public IngestedEvent asTest() {
    return new IngestedEvent(
        schemaVersion,
        ingestId,
        eventId,
        eventIdGenerated,
        siteId,
        apiKeyId,
        eventName,
        scanSessionId,
        eventTime,
        receivedAt,
        properties,
        conversionValue,
        userIdentifiers,
        true);
  }

  /** The key this event has on {@code server-events} and every topic keyed per event. */
  public String eventKey() {
    return EventKey.of(siteId, eventId);
  }
}
