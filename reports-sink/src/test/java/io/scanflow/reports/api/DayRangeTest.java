package io.scanflow.reports.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DayRangeTest {
  private static final Instant LATE_EVENING = Instant.parse("2026-11-26T23:30:00Z");
  private static final Clock LATE_EVENING_UTC = Clock.fixed(LATE_EVENING, ZoneOffset.UTC);

  @Test
  void shouldDefaultToTheLastThirtyDaysIncludingTodayOfAUtcSite() {
    DayRange range = DayRange.parse(null, null, LATE_EVENING_UTC);

    assertThat(range.to()).isEqualTo(LocalDate.parse("2026-11-26"));
    assertThat(range.from()).isEqualTo(LocalDate.parse("2026-10-28"));
  }

  @Test
  void shouldEndTheDefaultRangeOnTheSitesOwnToday() {
    // 23:30 on the 26th in UTC is already the 27th in Berlin.
    DayRange range =
        DayRange.parse(null, null, Clock.fixed(LATE_EVENING, ZoneId.of("Europe/Berlin")));

    assertThat(range.to()).isEqualTo(LocalDate.parse("2026-11-27"));
    assertThat(range.from()).isEqualTo(LocalDate.parse("2026-10-29"));
  }

  @Test
  void shouldTakeBothBoundsInclusive() {
    DayRange range = DayRange.parse("2026-03-01", "2026-03-01", LATE_EVENING_UTC);

    assertThat(range.from()).isEqualTo(range.to());
  }

  @Test
  void shouldRefuseMalformedReversedAndOverlongRangesWith400() {
    assertThatThrownBy(() -> DayRange.parse("yesterday", null, LATE_EVENING_UTC))
        .isInstanceOfSatisfying(
            ApiProblem.class, p -> assertThat(p.getResponse().getStatus()).isEqualTo(400));
    assertThatThrownBy(() -> DayRange.parse("2026-03-02", "2026-03-01", LATE_EVENING_UTC))
        .isInstanceOf(ApiProblem.class);
    assertThatThrownBy(() -> DayRange.parse("2024-01-01", "2026-01-01", LATE_EVENING_UTC))
        .isInstanceOf(ApiProblem.class);
  }
}
