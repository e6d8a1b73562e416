package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Whether an event could be tied to a QR scan. */
public enum AttributionStatus {
  @JsonProperty("attributed")
  ATTRIBUTED,
  @JsonProperty("unattributed")
  UNATTRIBUTED;

  /** The name used on topics, in tables and in the API. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
