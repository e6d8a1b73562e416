package io.scanflow.ingest.auth;

import io.scanflow.contract.ApiKey;

/** The authenticated client of a request: its key's public facts and the key's hash. */
public record Caller(ApiKey key, String keyHash) {
  public String siteId() {
    return key.siteId();
  }
}
