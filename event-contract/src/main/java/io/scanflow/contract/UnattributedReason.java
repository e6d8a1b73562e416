package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Why an event is unattributed. */
public enum UnattributedReason {
  /** No scan session with the event's id arrived within the pending timeout. */
  @JsonProperty("session_not_found")
  SESSION_NOT_FOUND,
  /** The scan session belongs to another tracking site. */
  @JsonProperty("site_mismatch")
  SITE_MISMATCH,
  /** The event happened before the scan (minus 5 minutes) or after the site's window. */
  @JsonProperty("outside_window")
  OUTSIDE_WINDOW;

  /** The name used on topics, in tables and in the API. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
