package io.scanflow.attribution;

import io.scanflow.contract.ContractJson;
import io.scanflow.contract.TrackingSite;
import java.io.IOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalInt;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The attribution window of each site, read from the global {@code tracking-sites} store. The store
 * keeps the topic's raw bytes (so restoring it needs no processor); an unknown or unreadable site
 * gets the default window ({@link TrackingSitesUpdater} warned about it when it arrived).
 *
 * <p>Every event asks for its site's window, so the window read from a site's bytes is kept, per
 * site, as long as the store holds those same bytes: a byte comparison instead of a JSON parse. A
 * site is forgotten when an event finds it gone from the store, so the memory is bounded by the
 * number of sites.
 */
final class SiteWindows {
  private final KeyValueStore<String, byte[]> sites;
  private final Map<String, Read> read = new HashMap<>();

  /** The window read from a site's bytes. */
  private record Read(byte[] raw, OptionalInt days) {}

  SiteWindows(KeyValueStore<String, byte[]> sites) {
    this.sites = sites;
  }

  int windowDays(String siteId) {
    byte[] raw = sites.get(siteId);
    if (raw == null) {
      read.remove(siteId); // a deleted site leaves nothing behind
      return TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS;
    }
    Read known = read.get(siteId);
    if (known == null || !Arrays.equals(known.raw(), raw)) {
      known = new Read(raw.clone(), windowDaysOf(raw));
      read.put(siteId, known);
    }
    return known.days().orElse(TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS);
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
