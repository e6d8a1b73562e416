package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.time.ZoneId;

/**
 * A tracking site (tenant), on the compacted {@code tracking-sites} topic keyed by site_id. A
 * record written before sites had a {@code time_zone} reads as UTC.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackingSite(
    @JsonProperty("site_id") String siteId,
    @JsonProperty("name") String name,
    @JsonProperty("attribution_window_days") int attributionWindowDays,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("time_zone") String timeZone) {

  public static final int DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30;

  public TrackingSite {
    timeZone = timeZone == null || timeZone.isBlank() ? SiteTimeZone.DEFAULT : timeZone;
  }

  /** A site in UTC. */
  public TrackingSite(String siteId, String name, int attributionWindowDays, Instant createdAt) {
    this(siteId, name, attributionWindowDays, createdAt, SiteTimeZone.DEFAULT);
  }

  /** The zone of the site's days (UTC if the record holds no valid one). */
  public ZoneId zone() {
    return SiteTimeZone.orUtc(timeZone);
  }
}
