package io.scanflow.ingest.validation;

import static io.scanflow.ingest.validation.FieldRule.optional;
import static io.scanflow.ingest.validation.FieldRule.required;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.ScanSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks a scan-session body (http-api.md §8) and reports all problems. */
public final class ScanSessionValidator {
  private static final FieldRule SCAN_SESSION_ID = optional("scan_session_id");
  private static final FieldRule QR_CODE_ID = required("qr_code_id").length(1, 128).plainLine();
  private static final FieldRule SCANNED_AT = optional("scanned_at");
  private static final FieldRule CAMPAIGN = optional("campaign").length(0, 128).plainLine();

  private final EventTimeRange timeRange;

  public ScanSessionValidator(EventTimeRange timeRange) {
    this.timeRange = timeRange;
  }

  public Validated<ScanSession> validate(JsonNode node, Instant receivedAt) {
    Loc loc = Loc.body();
    List<Problem> problems = new ArrayList<>();
    if (!node.isObject()) {
      problems.add(Problem.notObject(loc));
      return Validated.invalid(problems);
    }
    FieldReader fields = new FieldReader(node, loc, problems);
    String sessionId = fields.uuid(SCAN_SESSION_ID);
    String siteId = fields.string(EventValidator.SITE_ID);
    String qrCodeId = fields.string(QR_CODE_ID);
    Instant scannedAt = fields.timestamp(SCANNED_AT);
    if (scannedAt != null) {
      timeRange.check("scanned_at", scannedAt, receivedAt, fields.at("scanned_at"), problems);
    }
    String campaign = fields.string(CAMPAIGN);
    RequestText.check(node, loc, problems);
    if (!problems.isEmpty()) {
      return Validated.invalid(problems);
    }
    return Validated.valid(
        new ScanSession(
            sessionId == null ? UUID.randomUUID().toString() : sessionId,
            siteId,
            qrCodeId,
            campaign,
            scannedAt == null ? receivedAt : scannedAt));
  }
}
