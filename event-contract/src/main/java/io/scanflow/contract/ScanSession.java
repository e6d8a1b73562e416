package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** A scan of a QR code, on the compacted {@code scan-sessions} topic (timestamp = scanned_at). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ScanSession(
    @JsonProperty("scan_session_id") String scanSessionId,
    @JsonProperty("site_id") String siteId,
    @JsonProperty("qr_code_id") String qrCodeId,
    @JsonProperty("campaign") String campaign,
    @JsonProperty("scanned_at") Instant scannedAt) {

  /** The key this session has on {@code scan-sessions} and in attribution's stores. */
  public String sessionKey() {
    return SessionKey.of(scanSessionId);
  }
}
