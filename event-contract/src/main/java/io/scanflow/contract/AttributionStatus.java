package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Whether an event could be tied to a QR scan; {@code pending} while it waits for its scan session
 * (a provisional record, never counted, replaced by the final one of the same key).
 */
public enum AttributionStatus {
  @JsonProperty("attributed")
  ATTRIBUTED,
  @JsonProperty("unattributed")
  UNATTRIBUTED,
  @JsonProperty("pending")
  PENDING;

  /** The name used on topics, in tables and in the API. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
