package io.scanflow.attribution;

import static io.scanflow.testsupport.IngestedEventBuilder.anEvent;

import io.scanflow.contract.ScanSession;
import io.scanflow.testsupport.IngestedEventBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/** Builds scan sessions and the events that name them: {@code aSession().build()}. */
final class Scans {
  static final Instant SCANNED_AT = Instant.parse("2026-11-01T10:00:00Z");

  private Scans() {}

  static SessionBuilder aSession() {
    return new SessionBuilder();
  }

  /**
   * An event of the session's site and session, happening one hour after {@link #SCANNED_AT} and
   * received a second after it happened (also when moved with {@code at(...)}).
   */
  static IngestedEventBuilder anEventOf(ScanSession session) {
    return anEvent()
        .withSiteId(session.siteId())
        .withScanSessionId(session.scanSessionId())
        .at(SCANNED_AT.plusSeconds(3600))
        .receivedAfter(Duration.ofSeconds(1));
  }

  /** A scan session of site-a with a random id, of QR code qr-7, scanned at {@link #SCANNED_AT}. */
  static final class SessionBuilder {
    private String id = UUID.randomUUID().toString();
    private String siteId = "site-a";
    private String qrCodeId = "qr-7";
    private Instant scannedAt = SCANNED_AT;

    SessionBuilder withSiteId(String siteId) {
      this.siteId = siteId;
      return this;
    }

    SessionBuilder withId(String id) {
      this.id = id;
      return this;
    }

    SessionBuilder withQrCodeId(String qrCodeId) {
      this.qrCodeId = qrCodeId;
      return this;
    }

    SessionBuilder scannedAt(Instant scannedAt) {
      this.scannedAt = scannedAt;
      return this;
    }

    ScanSession build() {
      return new ScanSession(id, siteId, qrCodeId, "winter-sale", scannedAt);
    }
  }
}
