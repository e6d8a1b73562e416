package io.scanflow.reports.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/sites/{site_id}/rejections}: the count of the last 24 h per status (every
 * recorded status present, 0 if none) and the newest rejections.
 */
public record SiteRejections(
    @JsonProperty("counts_24h") Map<String, Long> counts24h,
    @JsonProperty("recent") List<Rejection> recent) {}
