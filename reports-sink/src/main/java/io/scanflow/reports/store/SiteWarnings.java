package io.scanflow.reports.store;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code GET /api/sites/{site_id}/warnings}: the count of the last 24 h and the newest ones. */
public record SiteWarnings(@JsonProperty("counts_24h") long counts24h, List<Warning> recent) {}
