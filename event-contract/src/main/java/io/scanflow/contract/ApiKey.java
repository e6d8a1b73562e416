package io.scanflow.contract;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;

/**
 * An API key's public facts, on the compacted {@code api-keys} topic keyed by the SHA-256 hex of
 * the key; the key itself is never stored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApiKey(
    @JsonProperty("key_id") String keyId,
    @JsonProperty("site_id") String siteId,
    @JsonProperty("prefix") String prefix,
    @JsonProperty("created_at") Instant createdAt,
    @JsonProperty("revoked_at") Instant revokedAt) {

  public boolean revoked() {
    return revokedAt != null;
  }
}
