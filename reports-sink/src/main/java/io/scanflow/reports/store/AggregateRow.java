package io.scanflow.reports.store;

import java.math.BigDecimal;
import java.time.LocalDate;

/** One row of {@code daily_aggregates}; '' means "none" for QR code, reason and currency. */
public record AggregateRow(
    LocalDate day,
    String eventName,
    String qrCodeId,
    String attributionStatus,
    String unattributedReason,
    String currency,
    long events,
    BigDecimal conversionValue) {

  public boolean attributed() {
    return "attributed".equals(attributionStatus);
  }
}
