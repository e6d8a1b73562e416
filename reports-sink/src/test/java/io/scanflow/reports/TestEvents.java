package io.scanflow.reports;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.AttributionStatus;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.DuplicateEvent;
import io.scanflow.contract.IngestedEvent;
import io.scanflow.contract.UnattributedReason;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Fluent builders of the sink's input records: {@code anEvent(site).withValue("0.1", "EUR")}. */
final class TestEvents {
  private TestEvents() {}

  static EventBuilder anEvent(String siteId) {
    return new EventBuilder(siteId);
  }

  /** A later receipt of {@code counted}: same event, new ingest id, received a bit later. */
  static DuplicateEvent duplicateOf(AttributedEvent counted) {
    IngestedEvent first = counted.event();
    Instant receivedAt = first.receivedAt().plusMillis(500);
    IngestedEvent again =
        first.toBuilder()
            .ingestId(UUID.randomUUID())
            .eventId(first.eventId(), false)
            .receivedAt(receivedAt)
            .build();
    return new DuplicateEvent(again, first.ingestId(), first.receivedAt());
  }

  /**
   * The provisional record attribution-stream sends while the event waits for its session until
   * {@code pendingUntil}: the same event and key as its final record.
   */
  static AttributedEvent pendingOf(AttributedEvent last, Instant pendingUntil) {
    return new AttributedEvent(
        last.event(), Attribution.pending(pendingUntil), last.event().receivedAt().plusMillis(10));
  }

  /** Builds an attributed event; attributed to QR code "qr-1" unless told otherwise. */
  static final class EventBuilder {
    private final String siteId;
    private String eventId = UUID.randomUUID().toString();
    private String eventName = "purchase";
    private Instant receivedAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private Instant eventTime = receivedAt.minusSeconds(1);
    private ConversionValue value;
    private ObjectNode properties;
    private boolean test;
    private Attribution attribution =
        new Attribution(
            AttributionStatus.ATTRIBUTED,
            null,
            "qr-1",
            "spring",
            receivedAt.minusSeconds(60),
            null);

    private EventBuilder(String siteId) {
      this.siteId = siteId;
    }

    EventBuilder withEventId(String id) {
      this.eventId = id;
      return this;
    }

    EventBuilder named(String name) {
      this.eventName = name;
      return this;
    }

    EventBuilder at(Instant time) {
      this.eventTime = time;
      return this;
    }

    EventBuilder receivedAt(Instant time) {
      this.receivedAt = time;
      return this;
    }

    EventBuilder withValue(String amount, String currency) {
      this.value = new ConversionValue(new BigDecimal(amount), currency);
      return this;
    }

    EventBuilder withProperties(ObjectNode properties) {
      this.properties = properties;
      return this;
    }

    EventBuilder attributedTo(String qrCodeId) {
      this.attribution =
          new Attribution(
              AttributionStatus.ATTRIBUTED,
              null,
              qrCodeId,
              "spring",
              eventTime.minusSeconds(60),
              null);
      return this;
    }

    /** A test event ("test": true): stored and shown, never counted. */
    EventBuilder asTest() {
      this.test = true;
      return this;
    }

    EventBuilder unattributed(UnattributedReason reason) {
      this.attribution = Attribution.unattributed(reason);
      return this;
    }

    AttributedEvent build() {
      IngestedEvent event =
          new IngestedEvent(
              IngestedEvent.SCHEMA_VERSION,
              UUID.randomUUID(),
              eventId,
              false,
              siteId,
              "key-" + siteId,
              eventName,
              UUID.randomUUID().toString(),
              eventTime,
              receivedAt,
              properties,
              value,
              null,
              test);
      return new AttributedEvent(event, attribution, receivedAt.plusMillis(20));
    }
  }
}
