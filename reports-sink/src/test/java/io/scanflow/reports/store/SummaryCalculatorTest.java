package io.scanflow.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ConversionValue;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SummaryCalculatorTest {
  private static final LocalDate DAY1 = LocalDate.parse("2026-11-01");
  private static final LocalDate DAY3 = LocalDate.parse("2026-11-03");

  private static AggregateRow row(
      LocalDate day,
      String name,
      String qr,
      String reason,
      String currency,
      long events,
      String value) {
    return new AggregateRow(
        day,
        name,
        qr,
        qr.isEmpty() ? "unattributed" : "attributed",
        reason,
        currency,
        events,
        new BigDecimal(value));
  }

  @Test
  void shouldCountDuplicatesApartFromEveryOtherFigure() {
    List<AggregateRow> rows =
        List.of(
            row(DAY1, "purchase", "qr-1", "", "EUR", 2, "0.3"),
            row(DAY1, "purchase", "", "session_not_found", "", 1, "0"));

    SiteSummary summary =
        SummaryCalculator.summarise("s", "UTC", DAY1, DAY3, rows, Map.of(DAY1, 5L));

    assertThat(summary.events()).isEqualTo(3);
    assertThat(summary.duplicates()).isEqualTo(5);
    assertThat(summary.attributed()).isEqualTo(2);
    assertThat(summary.unattributed()).isEqualTo(1);
    assertThat(summary.byEventName())
        .singleElement()
        .satisfies(f -> assertThat(f.events()).isEqualTo(3));
    assertThat(summary.byDay().get(0).events()).isEqualTo(3);
    assertThat(summary.byDay().get(0).duplicates()).isEqualTo(5);
  }

  @Test
  void shouldSumMoneyExactlyPerCurrencyAndLeaveOutEventsWithoutValue() {
    List<AggregateRow> rows =
        List.of(
            row(DAY1, "purchase", "qr-1", "", "EUR", 1, "0.1"),
            row(DAY3, "purchase", "qr-2", "", "EUR", 1, "0.2"),
            row(DAY3, "purchase", "qr-2", "", "USD", 1, "1.005"),
            row(DAY3, "view", "qr-2", "", "", 4, "0"));

    SiteSummary summary = SummaryCalculator.summarise("s", "UTC", DAY1, DAY3, rows, Map.of());

    assertThat(summary.conversionValue())
        .containsExactly(
            new ConversionValue(new BigDecimal("0.3"), "EUR"),
            new ConversionValue(new BigDecimal("1.005"), "USD"));
    assertThat(summary.byQrCode().get(0).qrCodeId()).isEqualTo("qr-2");
    assertThat(summary.byQrCode().get(0).events()).isEqualTo(6);
  }

  @Test
  void shouldListEveryDayOfTheRangeAndEveryReasonEvenWhenEmpty() {
    SiteSummary summary = SummaryCalculator.summarise("s", "UTC", DAY1, DAY3, List.of(), Map.of());

    assertThat(summary.byDay())
        .extracting(SiteSummary.DayFigures::day)
        .containsExactly(DAY1, DAY1.plusDays(1), DAY3);
    assertThat(summary.unattributedReasons())
        .containsOnlyKeys("session_not_found", "site_mismatch", "outside_window")
        .allSatisfy((reason, count) -> assertThat(count).isZero());
  }
}
