package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One accepted HTTP receipt of a server event, as written to {@code server-events}. {@code test}
 * marks a test event (http-api.md §2): it flows through every stage like any other, and analytics
 * consumers and reports leave it out of every figure. Records written before {@code test} existed
 * read as {@code false}.
 *
 * <p>The record also knows its rules ({@link #violations()}): the one check every stage applies.
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
  public static final int MAX_SITE_ID_LENGTH = 64;
  public static final int MAX_EVENT_ID_LENGTH = 128;
  public static final int MAX_EVENT_NAME_LENGTH = 128;

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this receipt's fields, to make a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The key this event has on {@code server-events} and every topic keyed per event. */
  public String eventKey() {
    return EventKey.of(siteId, eventId);
  }

  /** The key of this event's scan session, which keys {@code server-events-unique}. */
  public String sessionKey() {
    return SessionKey.of(scanSessionId);
  }

  /**
   * Every rule of {@code ingested-event.schema.json} this receipt breaks. dedupe-stream
   * dead-letters a receipt that breaks any, so no later stage meets one (pipeline.md §1); the later
   * stages still apply this same check to guard themselves.
   */
  public Violations violations() {
    List<String> found = new ArrayList<>();
    if (schemaVersion != SCHEMA_VERSION) {
      found.add("schema_version must be " + SCHEMA_VERSION);
    }
    SchemaRules.present(found, "ingest_id", ingestId);
    text(found, "event_id", eventId, MAX_EVENT_ID_LENGTH);
    text(found, "site_id", siteId, MAX_SITE_ID_LENGTH);
    SchemaRules.present(found, "api_key_id", apiKeyId);
    text(found, "event_name", eventName, MAX_EVENT_NAME_LENGTH);
    if (SchemaRules.present(found, "scan_session_id", scanSessionId)) {
      SchemaRules.uuid(found, "scan_session_id", scanSessionId);
    }
    dateTime(found, "event_time", eventTime);
    dateTime(found, "received_at", receivedAt);
    if (conversionValue != null) {
      conversionValue.addViolations(found, "conversion_value");
    }
    if (userIdentifiers != null) {
      userIdentifiers.addViolations(found, "user_identifiers");
    }
    return new Violations(found);
  }

  /** {@link #violations()} of a value read from a topic, where a tombstone has no event at all. */
  public static Violations violationsOf(IngestedEvent event) {
    return event == null ? Violations.of("record has no value") : event.violations();
  }

  private static void text(List<String> found, String field, String value, int maxLength) {
    if (SchemaRules.present(found, field, value)) {
      SchemaRules.length(found, field, value, 1, maxLength);
    }
  }

  private static void dateTime(List<String> found, String field, Instant value) {
    if (SchemaRules.present(found, field, value)) {
      SchemaRules.dateTime(found, field, value);
    }
  }

  /** Builds a receipt field by field; {@code schema_version} is the current one unless set. */
  public static final class Builder {
    private int schemaVersion = SCHEMA_VERSION;
    private UUID ingestId;
    private String eventId;
    private boolean eventIdGenerated;
    private String siteId;
    private String apiKeyId;
    private String eventName;
    private String scanSessionId;
    private Instant eventTime;
    private Instant receivedAt;
    private ObjectNode properties;
    private ConversionValue conversionValue;
    private UserIdentifiers userIdentifiers;
    private boolean test;

    private Builder() {}

    private Builder(IngestedEvent event) {
      schemaVersion = event.schemaVersion;
      ingestId = event.ingestId;
      eventId = event.eventId;
      eventIdGenerated = event.eventIdGenerated;
      siteId = event.siteId;
      apiKeyId = event.apiKeyId;
      eventName = event.eventName;
      scanSessionId = event.scanSessionId;
      eventTime = event.eventTime;
      receivedAt = event.receivedAt;
      properties = event.properties;
      conversionValue = event.conversionValue;
      userIdentifiers = event.userIdentifiers;
      test = event.test;
    }

    public Builder schemaVersion(int schemaVersion) {
      this.schemaVersion = schemaVersion;
      return this;
    }

    /** The receipt: its ingest id, the API key that sent it, and when ingest-api accepted it. */
    public Builder receipt(UUID ingestId, String apiKeyId, Instant receivedAt) {
      this.ingestId = ingestId;
      this.apiKeyId = apiKeyId;
      this.receivedAt = receivedAt;
      return this;
    }

    public Builder ingestId(UUID ingestId) {
      this.ingestId = ingestId;
      return this;
    }

    /** The event id, and whether the server generated it (then it is never a duplicate). */
    public Builder eventId(String eventId, boolean generated) {
      this.eventId = eventId;
      this.eventIdGenerated = generated;
      return this;
    }

    public Builder siteId(String siteId) {
      this.siteId = siteId;
      return this;
    }

    public Builder eventName(String eventName) {
      this.eventName = eventName;
      return this;
    }

    public Builder scanSessionId(String scanSessionId) {
      this.scanSessionId = scanSessionId;
      return this;
    }

    public Builder eventTime(Instant eventTime) {
      this.eventTime = eventTime;
      return this;
    }

    public Builder receivedAt(Instant receivedAt) {
      this.receivedAt = receivedAt;
      return this;
    }

    public Builder properties(ObjectNode properties) {
      this.properties = properties;
      return this;
    }

    public Builder conversionValue(ConversionValue conversionValue) {
      this.conversionValue = conversionValue;
      return this;
    }

    public Builder userIdentifiers(UserIdentifiers userIdentifiers) {
      this.userIdentifiers = userIdentifiers;
      return this;
    }

    public Builder test(boolean test) {
      this.test = test;
      return this;
    }

    public IngestedEvent build() {
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
          test);
    }
  }
}
