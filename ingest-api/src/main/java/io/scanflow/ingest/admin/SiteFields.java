package io.scanflow.ingest.admin;

import io.scanflow.contract.SiteTimeZone;
import io.scanflow.ingest.validation.FieldReader;
import io.scanflow.ingest.validation.FieldRule;
import io.scanflow.ingest.validation.Problem;
import java.util.List;

/** The rules of the site fields that both creating and changing a site may set. */
final class SiteFields {
  static final String TIME_ZONE_MSG =
      "not a known IANA time zone; use a region id such as \"Europe/Berlin\" or \"UTC\""
          + " (fixed offsets such as \"+02:00\" do not follow daylight saving time)";

  private SiteFields() {}

  /** Optional when a site is changed; creating one makes it {@link FieldRule#asRequired()}. */
  static final FieldRule NAME = FieldRule.optional("name").length(1, 128);

  static final FieldRule ATTRIBUTION_WINDOW_DAYS =
      FieldRule.optional("attribution_window_days").range(1, 90);

  private static final FieldRule TIME_ZONE = FieldRule.optional("time_zone").length(1, 64);

  /** The time zone as given, if it is a region id ({@link SiteTimeZone}); null if absent. */
  static String timeZone(FieldReader fields, List<Problem> problems) {
    String zone = fields.string(TIME_ZONE);
    if (zone != null && SiteTimeZone.parse(zone).isEmpty()) {
      problems.add(new Problem(fields.at("time_zone"), TIME_ZONE_MSG, "value_error.time_zone"));
      return null;
    }
    return zone;
  }
}
