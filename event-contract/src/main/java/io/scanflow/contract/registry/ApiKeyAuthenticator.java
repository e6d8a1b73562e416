package io.scanflow.contract.registry;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * Finds the key a client presented, in a {@link KeyRegistry}: the one rule of every service that
 * accepts site keys. The key is hashed first and looked up by its hash, so the lookup's timing
 * depends only on the hash; the final check compares digests in constant time. Until the registry
 * has caught up with its topic, no key is decided either way.
 */
public final class ApiKeyAuthenticator {
  private final KeyRegistry registry;
  private final BooleanSupplier caughtUp;

  /**
   * @param caughtUp whether the registry holds every record of its topics, usually {@link
   *     CompactedTopicFollower#caughtUp()}
   */
  public ApiKeyAuthenticator(KeyRegistry registry, BooleanSupplier caughtUp) {
    this.registry = registry;
    this.caughtUp = caughtUp;
  }

  public KeyCheck check(String presentedKey) {
    // A partly read partition may hold a key's creation but not its later revocation.
    if (!caughtUp.getAsBoolean()) {
      return KeyCheck.NOT_READY;
    }
    byte[] presented = ApiKeyHash.digest(presentedKey);
    Optional<Map.Entry<String, ApiKey>> stored =
        registry.activeKeyEntry(HexFormat.of().formatHex(presented));
    // Defence in depth: the map lookup matched on the hash; confirm against the stored digest
    // without an early exit, so timing says nothing about how much of it matched.
    if (stored.isEmpty()
        || !MessageDigest.isEqual(presented, HexFormat.of().parseHex(stored.get().getKey()))) {
      return KeyCheck.REFUSED;
    }
    return new KeyCheck.Active(stored.get().getValue(), stored.get().getKey());
  }
}
