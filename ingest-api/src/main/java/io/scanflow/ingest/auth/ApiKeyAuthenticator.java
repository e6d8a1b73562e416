package io.scanflow.ingest.auth;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.ingest.registry.KeyRegistry;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
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
    byte[] presented = ApiKeyHash.digest(presentedKey);
    Optional<Map.Entry<String, ApiKey>> stored =
        registry.activeKeyEntry(HexFormat.of().formatHex(presented));
    // Defence in depth: the map lookup matched on the hash; confirm against the stored digest
    // without an early exit, so timing says nothing about how much of it matched.
    if (stored.isEmpty()
        || !MessageDigest.isEqual(presented, HexFormat.of().parseHex(stored.get().getKey()))) {
      return Optional.empty();
    }
    return Optional.of(new Caller(stored.get().getValue(), stored.get().getKey()));
  }
}
