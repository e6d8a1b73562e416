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
 * depends only on the hash; the final check compares digests in constant time. A key the registry
 * does not know is refused only when the registry is current: a client drops events on 403, so a
 * key that may merely not have been read yet is answered 503.
 */
public final class ApiKeyAuthenticator {
  private final KeyRegistry registry;
  private final BooleanSupplier registryCurrent;

  /**
   * @param registryCurrent whether the registry recently confirmed it read its topics to their end,
   *     usually {@link CompactedTopicFollower#isCurrent()}
   */
  public ApiKeyAuthenticator(KeyRegistry registry, BooleanSupplier registryCurrent) {
    this.registry = registry;
    this.registryCurrent = registryCurrent;
  }

  public KeyCheck check(String presentedKey) {
    // Asked before the lookup: if the registry was current then, every key that existed then is
    // in it by now, so a miss really is an unknown key.
    boolean current = registryCurrent.getAsBoolean();
    byte[] presented = ApiKeyHash.digest(presentedKey);
    Optional<Map.Entry<String, ApiKey>> stored =
        registry.keyByHash(HexFormat.of().formatHex(presented));
    // Defence in depth: the map lookup matched on the hash; confirm against the stored digest
    // without an early exit, so timing says nothing about how much of it matched.
    if (stored.isEmpty()
        || !MessageDigest.isEqual(presented, HexFormat.of().parseHex(stored.get().getKey()))) {
      return current ? KeyCheck.REFUSED : KeyCheck.NOT_YET_KNOWN;
    }
    ApiKey key = stored.get().getValue();
    // A revocation is final: a revoked key stays refused whatever the registry has not read yet.
    if (key.revoked()) {
      return KeyCheck.REFUSED;
    }
    return new KeyCheck.Active(key, stored.get().getKey());
  }
}
