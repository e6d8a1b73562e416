package io.scanflow.dedupe;

import io.scanflow.contract.IngestedEvent;
import java.time.Instant;
import java.util.UUID;

/** Builds IngestedEvent receipts for tests: {@code aReceipt().withEventId("e-1").at(t).build()}. */
final class Receipts {
  static final Instant T0 = Instant.parse("2026-11-01T10:00:00Z");

  private String siteId = "site-a";
  private String eventId = "evt-" + UUID.randomUUID();
  private boolean generated;
  private String scanSessionId = UUID.randomUUID().toString();
  private Instant receivedAt = T0;

  static Receipts aReceipt() {
    return new Receipts();
  }

  Receipts withSiteId(String siteId) {
    this.siteId = siteId;
    return this;
  }

  Receipts withEventId(String eventId) {
    this.eventId = eventId;
    return this;
  }

  Receipts withGeneratedEventId(String eventId) {
    this.eventId = eventId;
    this.generated = true;
    return this;
  }

  Receipts withScanSessionId(String scanSessionId) {
    this.scanSessionId = scanSessionId;
    return this;
  }

  Receipts receivedAt(Instant receivedAt) {
    this.receivedAt = receivedAt;
    return this;
  }

  IngestedEvent build() {
    return new IngestedEvent(
        IngestedEvent.SCHEMA_VERSION,
        UUID.randomUUID(),
        eventId,
        generated,
        siteId,
        "key-1",
        "purchase",
        scanSessionId,
        receivedAt,
        receivedAt,
        null,
        null,
        null);
  }
}
