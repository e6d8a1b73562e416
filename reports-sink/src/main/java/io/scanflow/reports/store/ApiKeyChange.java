package io.scanflow.reports.store;

import io.scanflow.contract.ApiKey;

/** A record of {@code api-keys}, keyed by the key's SHA-256 hex: its value, or null if deleted. */
public record ApiKeyChange(String keyHash, ApiKey key) implements ReportRow {}
