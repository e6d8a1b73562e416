package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A tracking site (tenant), on the compacted {@code tracking-sites} topic keyed by site_id. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TrackingSite(
    @JsonProperty("site_id") String siteId,
    @JsonProperty("name") String name,
    @JsonProperty("attribution_window_days") int attributionWindowDays,
    @JsonProperty("created_at") Instant createdAt) {

  public static final int DEFAULT_ATTRIBUTION_WINDOW_DAYS = 30;
}
