package io.scanflow.reports.store;

import java.time.Instant;

/** A tracking site as the reports know it (from the {@code tracking-sites} topic). */
public record SiteView(
    String siteId, String name, int attributionWindowDays, Instant createdAt, String timeZone) {}
