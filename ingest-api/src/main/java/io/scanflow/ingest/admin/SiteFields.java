package io.scanflow.ingest.admin;

import io.scanflow.contract.SiteTimeZone;
import io.scanflow.ingest.validation.FieldReader;
import io.scanflow.ingest.validation.Problem;
import java.util.List;

/** The rules of the site fields that both creating and changing a site may set. */
final class SiteFields {
  static final String TIME_ZONE_MSG =
      "not a known IANA time zone; use a region id such as \"Europe/Berlin\" or \"UTC\""
          + " (fixed offsets such as \"+02:00\" do not follow daylight saving time)";

  private SiteFields() {}

  static String name(FieldReader fields, boolean required) {
    return fields.string("name", required, 1, 128);
  }

  static Integer attributionWindowDays(FieldReader fields) {
    return fields.integer("attribution_window_days", false, 1, 90);
  }

  /** The time zone as given, if it is a region id ({@link SiteTimeZone}); null if absent. */
  static String timeZone(FieldReader fields, List<Problem> problems) {
    String zone = fields.string("time_zone", false, 1, 64);
    if (zone != null && SiteTimeZone.parse(zone).isEmpty()) {
      problems.add(new Problem(fields.at("time_zone"), TIME_ZONE_MSG, "value_error.time_zone"));
      return null;
    }
    return zone;
  }
}
