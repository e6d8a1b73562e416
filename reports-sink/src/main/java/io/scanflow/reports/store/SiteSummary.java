package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The summary of one site over a range of the site's local days (in {@code timeZone}). {@code
 * events} and every other figure count unique events only; {@code duplicates} is counted apart.
 */
public record SiteSummary(
    String siteId,
    String timeZone,
    LocalDate from,
    LocalDate to,
    long events,
    long duplicates,
    long attributed,
    long unattributed,
    Map<String, Long> unattributedReasons,
    List<ConversionValue> conversionValue,
    List<EventNameFigures> byEventName,
    List<QrCodeFigures> byQrCode,
    List<DayFigures> byDay) {

  /** Figures of one event name. */
  public record EventNameFigures(
      String eventName,
      long events,
      long attributed,
      long unattributed,
      List<ConversionValue> conversionValue) {}

  /** Figures of one QR code (attributed events only, as only they have one). */
  public record QrCodeFigures(
      String qrCodeId, long events, List<ConversionValue> conversionValue) {}

  /** Figures of one local day of the site (of event_time). */
  public record DayFigures(LocalDate day, long events, long attributed, long duplicates) {}
}
