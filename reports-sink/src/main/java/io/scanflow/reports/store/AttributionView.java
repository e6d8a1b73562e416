package io.scanflow.reports.store;

import java.time.Instant;

/** An event's attribution as stored: status, and either the QR scan or the reason for none. */
public record AttributionView(
    String status, String reason, String qrCodeId, String campaign, Instant scannedAt) {}
