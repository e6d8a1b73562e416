package io.scanflow.ingest.auth;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.ingest.registry.KeyRegistry;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;

/**
 * Finds the key a client presented. The key is hashed first and looked up by its hash, so the
 * lookup's timing depends only on the hash; the final check compares digests in constant time.
 */
public final class ApiKeyAuthenticator {
  private final KeyRegistry registry;

  public ApiKeyAuthenticator(KeyRegistry registry) {
    this.registry = registry;
  }

  /** The caller for an active key; empty for an unknown or revoked one. */
  public Optional<Caller> authenticate(String presentedKey) {
    byte[] digest = ApiKeyHash.digest(presentedKey);
    String hash = HexFormat.of().formatHex(digest);
    Optional<ApiKey> key = registry.activeKey(hash);
    if (key.isEmpty() || !MessageDigest.isEqual(digest, HexFormat.of().parseHex(hash))) {
      return Optional.empty();
    }
    return Optional.of(new Caller(key.get(), hash));
  }
}
