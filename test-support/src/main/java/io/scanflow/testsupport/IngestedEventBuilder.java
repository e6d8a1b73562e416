package io.scanflow.testsupport;

import io.scanflow.contract.IngestedEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * Builds an {@link IngestedEvent} for tests: {@code anEvent().withEventId("e-1").at(t).build()}. By
 * default a purchase of site-a with a random event id and scan session, happening and received at
 * {@link #DEFAULT_TIME}.
 */
public final class IngestedEventBuilder {
  public static final Instant DEFAULT_TIME = Instant.parse("2026-11-01T10:00:00Z");

  private String siteId = "site-a";
  private String eventId = "evt-" + UUID.randomUUID();
  private boolean generated;
  private String scanSessionId = UUID.randomUUID().toString();
  private Instant eventTime;
  private Instant receivedAt;
  private Duration receivedAfter = Duration.ZERO;

  private IngestedEventBuilder() {}

  public static IngestedEventBuilder anEvent() {
    return new IngestedEventBuilder();
  }

  public IngestedEventBuilder withSiteId(String siteId) {
    this.siteId = siteId;
    return this;
  }

  public IngestedEventBuilder withEventId(String eventId) {
    this.eventId = eventId;
    this.generated = false;
    return this;
  }

  /** An id the ingest API made up because the client sent none: never a duplicate. */
  public IngestedEventBuilder withGeneratedEventId(String eventId) {
    this.eventId = eventId;
    this.generated = true;
    return this;
  }

  public IngestedEventBuilder withScanSessionId(String scanSessionId) {
    this.scanSessionId = scanSessionId;
    return this;
  }

  /** When it happened (event_time); unless set, received {@link #receivedAfter} later. */
  public IngestedEventBuilder at(Instant eventTime) {
    this.eventTime = eventTime;
    return this;
  }

  /** How long after event_time the ingest API received it (default none). */
  public IngestedEventBuilder receivedAfter(Duration delay) {
    this.receivedAfter = delay;
    return this;
  }

  /** When ingest received it (received_at); unless set, it happened at the same instant. */
  public IngestedEventBuilder receivedAt(Instant receivedAt) {
    this.receivedAt = receivedAt;
    return this;
  }

  public IngestedEvent build() {
    Instant happened =
        eventTime != null ? eventTime : receivedAt != null ? receivedAt : DEFAULT_TIME;
    Instant received = receivedAt != null ? receivedAt : happened.plus(receivedAfter);
    return IngestedEvent.builder()
        .receipt(UUID.randomUUID(), "key-1", received)
        .eventId(eventId, generated)
        .siteId(siteId)
        .eventName("purchase")
        .scanSessionId(scanSessionId)
        .eventTime(happened)
        .build();
  }
}
