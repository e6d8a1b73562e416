package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.UnattributedReason;
import io.scanflow.reports.store.SiteSummary.DayFigures;
import io.scanflow.reports.store.SiteSummary.EventNameFigures;
import io.scanflow.reports.store.SiteSummary.QrCodeFigures;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/** Folds daily aggregate rows (unique events) and daily duplicate counts into a summary. */
public final class SummaryCalculator {
  private SummaryCalculator() {}

  public static SiteSummary summarise(
      String siteId,
      String timeZone,
      LocalDate from,
      LocalDate to,
      List<AggregateRow> rows,
      Map<LocalDate, Long> duplicatesPerDay) {
    long events = sum(rows, row -> true);
    long attributed = sum(rows, AggregateRow::attributed);
    return new SiteSummary(
        siteId,
        timeZone,
        from,
        to,
        events,
        duplicatesPerDay.values().stream().mapToLong(Long::longValue).sum(),
        attributed,
        events - attributed,
        reasons(rows),
        money(rows),
        byEventName(rows),
        byQrCode(rows),
        byDay(from, to, rows, duplicatesPerDay));
  }

  private static long sum(
      List<AggregateRow> rows, java.util.function.Predicate<AggregateRow> which) {
    return rows.stream().filter(which).mapToLong(AggregateRow::events).sum();
  }

  private static Map<String, Long> reasons(List<AggregateRow> rows) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    for (UnattributedReason reason : UnattributedReason.values()) {
      reasons.put(reason.wireName(), 0L);
    }
    for (AggregateRow row : rows) {
      if (!row.attributed() && !row.unattributedReason().isEmpty()) {
        reasons.merge(row.unattributedReason(), row.events(), Long::sum);
      }
    }
    return reasons;
  }

  /** Conversion value per currency, exact, sorted by currency; events without value left out. */
  static List<ConversionValue> money(List<AggregateRow> rows) {
    Map<String, BigDecimal> perCurrency = new TreeMap<>();
    for (AggregateRow row : rows) {
      if (!row.currency().isEmpty()) {
        perCurrency.merge(row.currency(), row.conversionValue(), BigDecimal::add);
      }
    }
    List<ConversionValue> money = new ArrayList<>();
    perCurrency.forEach((currency, amount) -> money.add(new ConversionValue(amount, currency)));
    return money;
  }

  private static List<EventNameFigures> byEventName(List<AggregateRow> rows) {
    return groups(rows, AggregateRow::eventName).entrySet().stream()
        .map(
            group -> {
              long events = sum(group.getValue(), row -> true);
              long attributed = sum(group.getValue(), AggregateRow::attributed);
              return new EventNameFigures(
                  group.getKey(), events, attributed, events - attributed, money(group.getValue()));
            })
        .sorted(
            Comparator.comparingLong(EventNameFigures::events)
                .reversed()
                .thenComparing(EventNameFigures::eventName))
        .toList();
  }

  private static List<QrCodeFigures> byQrCode(List<AggregateRow> rows) {
    List<AggregateRow> withCode = rows.stream().filter(row -> !row.qrCodeId().isEmpty()).toList();
    return groups(withCode, AggregateRow::qrCodeId).entrySet().stream()
        .map(
            group ->
                new QrCodeFigures(
                    group.getKey(), sum(group.getValue(), row -> true), money(group.getValue())))
        .sorted(
            Comparator.comparingLong(QrCodeFigures::events)
                .reversed()
                .thenComparing(QrCodeFigures::qrCodeId))
        .toList();
  }

  /** Every day of the range, empty days included, so that a chart has no gaps. */
  private static List<DayFigures> byDay(
      LocalDate from, LocalDate to, List<AggregateRow> rows, Map<LocalDate, Long> duplicates) {
    Map<LocalDate, List<AggregateRow>> perDay = groups(rows, AggregateRow::day);
    List<DayFigures> days = new ArrayList<>();
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      List<AggregateRow> ofDay = perDay.getOrDefault(day, List.of());
      days.add(
          new DayFigures(
              day,
              sum(ofDay, row -> true),
              sum(ofDay, AggregateRow::attributed),
              duplicates.getOrDefault(day, 0L)));
    }
    return days;
  }

  private static <K> Map<K, List<AggregateRow>> groups(
      List<AggregateRow> rows, Function<AggregateRow, K> key) {
    Map<K, List<AggregateRow>> groups = new LinkedHashMap<>();
    for (AggregateRow row : rows) {
      groups.computeIfAbsent(key.apply(row), k -> new ArrayList<>()).add(row);
    }
    return groups;
  }
}
