package io.scanflow.reports.store;

import io.scanflow.contract.TrackingSite;

/** A record of {@code tracking-sites}: the site's new value, or null when it was deleted. */
public record SiteChange(String siteId, TrackingSite site) implements ReportRow {}
