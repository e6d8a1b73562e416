package io.scanflow.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SiteTimeZoneTest {
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  /**
   * Europe/Berlin switches to summer time on 2026-03-29 (02:00 → 03:00, the day has 23 hours) and
   * back on 2026-10-25 (03:00 → 02:00, 25 hours): 00:30 and 23:30 local on those days are still
   * those days, whatever the offset of the moment.
   */
  @ParameterizedTest
  @CsvSource({
    "2026-03-28T23:30:00Z, 2026-03-29", // 00:30 CET (+01:00), the first minutes of the short day
    "2026-03-29T21:30:00Z, 2026-03-29", // 23:30 CEST (+02:00), its last minutes
    "2026-03-29T22:00:00Z, 2026-03-30", // midnight CEST: the next day
    "2026-03-28T22:59:59Z, 2026-03-28", // 23:59:59 CET the day before
    "2026-10-24T22:30:00Z, 2026-10-25", // 00:30 CEST (+02:00), the first minutes of the long day
    "2026-10-25T22:30:00Z, 2026-10-25", // 23:30 CET (+01:00), its last minutes
    "2026-10-25T23:00:00Z, 2026-10-26", // midnight CET: the next day
    "2026-10-25T00:30:00Z, 2026-10-25", // 02:30 CEST, before the clocks go back
    "2026-10-25T01:30:00Z, 2026-10-25" //  02:30 CET, the same wall time an hour later
  })
  void shouldCountAnEventUnderTheSitesLocalDayAcrossDaylightSavingChanges(
      String eventTime, String localDay) {
    assertThat(SiteTimeZone.localDay(Instant.parse(eventTime), BERLIN))
        .isEqualTo(LocalDate.parse(localDay));
  }

  @Test
  void shouldMatchTheWallClockOfBerlinAtHalfPastMidnightAndHalfPastElevenOnTheChangeDays() {
    for (LocalDate day : new LocalDate[] {LocalDate.of(2026, 3, 29), LocalDate.of(2026, 10, 25)}) {
      for (int hour : new int[] {0, 23}) {
        Instant instant = LocalDateTime.of(day, LocalTime.of(hour, 30)).atZone(BERLIN).toInstant();
        assertThat(SiteTimeZone.localDay(instant, BERLIN)).isEqualTo(day);
        assertThat(SiteTimeZone.localDay(instant, ZoneOffset.UTC))
            .isEqualTo(hour == 0 ? day.minusDays(1) : day);
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"UTC", "Europe/Berlin", "America/New_York", "Asia/Kolkata", "Etc/UTC"})
  void shouldAcceptIanaRegionIds(String id) {
    assertThat(SiteTimeZone.parse(id)).contains(ZoneId.of(id));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+02:00", "UTC+2", "GMT+01:00", "Z", "europe/berlin", "Mars/Olympus", ""})
  void shouldRefuseOffsetsAndUnknownIds(String id) {
    assertThat(SiteTimeZone.parse(id)).isEmpty();
    assertThat(SiteTimeZone.orUtc(id)).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void shouldReadASiteRecordWithoutTimeZoneAsUtc() {
    String old =
        "{\"site_id\":\"shop\",\"name\":\"Shop\",\"attribution_window_days\":30,"
            + "\"created_at\":\"2026-11-26T08:15:30.123Z\"}";
    TrackingSite site =
        Topics.TRACKING_SITES
            .valueSerde()
            .deserializer()
            .deserialize("t", old.getBytes(StandardCharsets.UTF_8));

    assertThat(site.timeZone()).isEqualTo("UTC");
    assertThat(site.zone()).isEqualTo(ZoneId.of("UTC"));
  }

  @Test
  void shouldWriteTheTimeZoneAndNothingElseNew() throws Exception {
    TrackingSite site =
        new TrackingSite(
            "shop", "Shop", 30, Instant.parse("2026-11-26T08:15:30Z"), "Europe/Berlin");
    JsonNode json =
        ContractJson.mapper()
            .readTree(Topics.TRACKING_SITES.valueSerde().serializer().serialize("t", site));

    assertThat(json.get("time_zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(json.has("zone")).isFalse();
    assertThat(site.zone()).isEqualTo(BERLIN);
  }
}
