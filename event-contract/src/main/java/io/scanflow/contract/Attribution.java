package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * Which QR scan brought an event, or why none can be named; or, while the event waits for its scan
 * session, {@code pending} with {@code pending_until} (when it will be released as {@code
 * session_not_found} unless the session arrives first). {@code pending_until} is null otherwise.
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Attribution(
    @JsonProperty("status") AttributionStatus status,
    @JsonProperty("reason") UnattributedReason reason,
    @JsonProperty("qr_code_id") String qrCodeId,
    @JsonProperty("campaign") String campaign,
    @JsonProperty("scanned_at") Instant scannedAt,
    @JsonProperty("pending_until") Instant pendingUntil) {

  public static Attribution attributed(ScanSession session) {
    return new Attribution(
        AttributionStatus.ATTRIBUTED,
        null,
        session.qrCodeId(),
        session.campaign(),
        session.scannedAt(),
        null);
  }

  public static Attribution unattributed(UnattributedReason reason) {
    return new Attribution(AttributionStatus.UNATTRIBUTED, reason, null, null, null, null);
  }

  /** An event still waiting for its scan session: replaced by the final record later. */
  public static Attribution pending(Instant pendingUntil) {
    return new Attribution(AttributionStatus.PENDING, null, null, null, null, pendingUntil);
  }
}
