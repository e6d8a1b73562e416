package io.scanflow.attribution;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.TrackingSite;
import java.io.IOException;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The attribution window of each site, read from the global {@code tracking-sites} store. The store
 * keeps the topic's raw bytes (so restoring it needs no processor); an unknown or unreadable site
 * gets the default window.
 */
final class SiteWindows {
  private static final Logger LOG = LoggerFactory.getLogger(SiteWindows.class);

  private final KeyValueStore<String, byte[]> sites;

  SiteWindows(KeyValueStore<String, byte[]> sites) {
    this.sites = sites;
  }

  int windowDays(String siteId) {
    byte[] raw = sites.get(siteId);
    if (raw == null) {
      return TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS;
    }
    try {
      int days = ContractJson.mapper().readValue(raw, TrackingSite.class).attributionWindowDays();
      return days > 0 ? days : TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS;
    } catch (IOException e) {
      LOG.warn("Unreadable tracking site {}; using the default attribution window", siteId);
      return TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS;
    }
  }
}
