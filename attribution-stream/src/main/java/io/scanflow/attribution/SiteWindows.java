package io.scanflow.attribution;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.TrackingSite;
import java.io.IOException;
import java.util.OptionalInt;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The attribution window of each site, read from the global {@code tracking-sites} store. The store
 * keeps the topic's raw bytes (so restoring it needs no processor); an unknown or unreadable site
 * gets the default window ({@link TrackingSitesUpdater} warned about it when it arrived).
 */
final class SiteWindows {
  private final KeyValueStore<String, byte[]> sites;

  SiteWindows(KeyValueStore<String, byte[]> sites) {
    this.sites = sites;
  }

  int windowDays(String siteId) {
    byte[] raw = sites.get(siteId);
    return (raw == null ? OptionalInt.empty() : windowDaysOf(raw))
        .orElse(TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS);
  }

  /** The window a site's bytes set, or empty when they cannot be read or set no positive one. */
  static OptionalInt windowDaysOf(byte[] raw) {
    try {
      int days = ContractJson.mapper().readValue(raw, TrackingSite.class).attributionWindowDays();
      return days > 0 ? OptionalInt.of(days) : OptionalInt.empty();
    } catch (IOException e) {
      return OptionalInt.empty();
    }
  }
}
