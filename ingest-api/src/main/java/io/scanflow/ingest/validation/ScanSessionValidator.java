package io.scanflow.ingest.validation;

import com.fasterxml.jackson.databind.JsonNode;
import io.scanflow.contract.ScanSession;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Checks a scan-session body (http-api.md §8) and reports all problems. */
public final class ScanSessionValidator {
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
    String sessionId = fields.uuid("scan_session_id", false);
    String siteId = fields.plainString("site_id", true, 1, 64);
    String qrCodeId = fields.plainString("qr_code_id", true, 1, 128);
    Instant scannedAt = fields.timestamp("scanned_at", false);
    if (scannedAt != null) {
      timeRange.check("scanned_at", scannedAt, receivedAt, fields.at("scanned_at"), problems);
    }
    String campaign = fields.plainString("campaign", false, 0, 128);
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
