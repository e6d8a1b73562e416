package io.scanflow.reports.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SiteZonesTest {
  private static final SiteZones ZONES =
      new SiteZones(Map.of("berlin", ZoneId.of("Europe/Berlin"), "utc", ZoneId.of("UTC")));

  /** Berlin's DST days of 2026 (23 and 25 hours long) at 00:30 and 23:30 local time. */
  @ParameterizedTest
  @CsvSource({
    "berlin, 2026-03-28T23:30:00Z, 2026-03-29",
    "berlin, 2026-03-29T21:30:00Z, 2026-03-29",
    "berlin, 2026-10-24T22:30:00Z, 2026-10-25",
    "berlin, 2026-10-25T22:30:00Z, 2026-10-25",
    "utc,    2026-03-28T23:30:00Z, 2026-03-28",
    "utc,    2026-10-25T22:30:00Z, 2026-10-25",
    "unknown, 2026-03-28T23:30:00Z, 2026-03-28"
  })
  void shouldBucketAnEventUnderItsSitesLocalDate(String site, String eventTime, String day) {
    assertThat(ZONES.dayOf(site, Instant.parse(eventTime))).isEqualTo(LocalDate.parse(day));
  }
}
