package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/** Which QR scan brought an event, or why none can be named. */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Attribution(
    @JsonProperty("status") AttributionStatus status,
    @JsonProperty("reason") UnattributedReason reason,
    @JsonProperty("qr_code_id") String qrCodeId,
    @JsonProperty("campaign") String campaign,
    @JsonProperty("scanned_at") Instant scannedAt) {

  public static Attribution attributed(ScanSession session) {
    return new Attribution(
        AttributionStatus.ATTRIBUTED,
        null,
        session.qrCodeId(),
        session.campaign(),
        session.scannedAt());
  }

  public static Attribution unattributed(UnattributedReason reason) {
    return new Attribution(AttributionStatus.UNATTRIBUTED, reason, null, null, null);
  }
}
