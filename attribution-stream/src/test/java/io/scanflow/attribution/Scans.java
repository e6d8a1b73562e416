package io.scanflow.attribution;

import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.ScanSession;
import java.time.Instant;
import java.util.UUID;

/** Builds scan sessions and the events that name them: {@code aSession().build()}. */
final class Scans {
  static final Instant SCANNED_AT = Instant.parse("2026-11-01T10:00:00Z");

  private Scans() {}

  static SessionBuilder aSession() {
    return new SessionBuilder();
  }

  static EventBuilder anEventOf(ScanSession session) {
    return new EventBuilder()
        .withSiteId(session.siteId())
        .withScanSessionId(session.scanSessionId());
  }

  /** A scan session of site-a with a random id, scanned at {@link #SCANNED_AT}. */
  static final class SessionBuilder {
    private String id = UUID.randomUUID().toString();
    private String siteId = "site-a";

    SessionBuilder withSiteId(String siteId) {
      this.siteId = siteId;
      return this;
    }

    SessionBuilder withId(String id) {
      this.id = id;
      return this;
    }

    ScanSession build() {
      return new ScanSession(id, siteId, "qr-7", "winter-sale", SCANNED_AT);
    }
  }

  /** A unique event happening one hour after {@link #SCANNED_AT}, received a second later. */
  static final class EventBuilder {
    private String siteId = "site-a";
    private String eventId = "evt-" + UUID.randomUUID();
    private String scanSessionId = UUID.randomUUID().toString();
    private Instant eventTime = SCANNED_AT.plusSeconds(3600);

    EventBuilder withSiteId(String siteId) {
      this.siteId = siteId;
      return this;
    }

    EventBuilder withEventId(String eventId) {
      this.eventId = eventId;
      return this;
    }

    EventBuilder withScanSessionId(String scanSessionId) {
      this.scanSessionId = scanSessionId;
      return this;
    }

    EventBuilder at(Instant eventTime) {
      this.eventTime = eventTime;
      return this;
    }

    IngestedEvent build() {
      return new IngestedEvent(
          IngestedEvent.SCHEMA_VERSION,
          UUID.randomUUID(),
          eventId,
          false,
          siteId,
          "key-1",
          "purchase",
          scanSessionId,
          eventTime,
          eventTime.plusSeconds(1),
          null,
          null,
          null);
    }
  }
}
