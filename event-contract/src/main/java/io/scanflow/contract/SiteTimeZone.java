package io.scanflow.contract;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;
import java.util.Set;

/**
 * A site's time zone: an IANA region id ("Europe/Berlin", "UTC"), the days its reports are counted
 * in. Fixed offsets ("+02:00", "UTC+2") are refused: they never follow daylight saving time, so a
 * shop that picked one would count a wrong day for half of every year.
 */
public final class SiteTimeZone {
  public static final String DEFAULT = "UTC";

  private static final Set<String> REGION_IDS = ZoneId.getAvailableZoneIds();
  private static final ZoneId UTC = ZoneId.of(DEFAULT);

  private SiteTimeZone() {}

  /** The zone of a valid id, exactly as spelled (ids are case-sensitive); empty otherwise. */
  public static Optional<ZoneId> parse(String id) {
    return id != null && REGION_IDS.contains(id) ? Optional.of(ZoneId.of(id)) : Optional.empty();
  }

  /**
   * The zone a stored id means: UTC when absent (records written before sites had a zone) or not a
   * valid region id (a record no ingest-api wrote), so that one bad record cannot stop a pipeline.
   */
  public static ZoneId orUtc(String id) {
    return parse(id).orElse(UTC);
  }

  /** The local date of {@code instant} in {@code zone}: the day an event is counted under. */
  public static LocalDate localDay(Instant instant, ZoneId zone) {
    return instant.atZone(zone).toLocalDate();
  }
}
