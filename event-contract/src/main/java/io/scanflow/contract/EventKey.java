package io.scanflow.contract;

/** Builds the {@code {site_id}/{event_id}} key of per-event topics. */
public final class EventKey {
  private EventKey() {}

  public static String of(String siteId, String eventId) {
    return siteId + "/" + eventId;
  }
}
