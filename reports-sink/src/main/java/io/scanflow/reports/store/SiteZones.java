package io.scanflow.reports.store;

import io.scanflow.contract.SiteTimeZone;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The time zones of the sites of one batch, as the sites table holds them when the batch is
 * written: the day an event is counted under is its site's local date then. A later change of the
 * zone does not move events already counted (GA4 does the same); a site not (yet) known counts in
 * UTC.
 */
final class SiteZones {
  private static final ZoneId UTC = SiteTimeZone.orUtc(SiteTimeZone.DEFAULT);

  private final Map<String, ZoneId> zones;

  SiteZones(Map<String, ZoneId> zones) {
    this.zones = Map.copyOf(zones);
  }

  /**
   * Reads the zones of these sites in the writing transaction (after its site changes); a site the
   * table does not hold yet gets the zone {@code notStored} knows, or UTC.
   */
  static SiteZones load(
      Connection connection,
      Collection<String> siteIds,
      Function<String, Optional<String>> notStored)
      throws SQLException {
    Map<String, ZoneId> zones = new HashMap<>();
    if (siteIds.isEmpty()) {
      return new SiteZones(zones);
    }
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select site_id, time_zone from sites where site_id = any(?::text[])")) {
      statement.setArray(1, connection.createArrayOf("text", siteIds.toArray(String[]::new)));
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          zones.put(rows.getString(1), SiteTimeZone.orUtc(rows.getString(2)));
        }
      }
    }
    for (String siteId : siteIds) {
      if (!zones.containsKey(siteId)) {
        notStored.apply(siteId).ifPresent(id -> zones.put(siteId, SiteTimeZone.orUtc(id)));
      }
    }
    return new SiteZones(zones);
  }

  /** The site's local date of {@code instant}. */
  LocalDate dayOf(String siteId, Instant instant) {
    return SiteTimeZone.localDay(instant, zones.getOrDefault(siteId, UTC));
  }
}
