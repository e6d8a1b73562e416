package io.scanflow.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ApiKeyAuthenticatorTest {
  private static final String KEY = "sf_live_0123456789abcdefABCDEF0123456789";

  private final KeyRegistry registry = new KeyRegistry();
  private final AtomicBoolean caughtUp = new AtomicBoolean(true);
  private final ApiKeyAuthenticator authenticator =
      new ApiKeyAuthenticator(registry, caughtUp::get);

  @Test
  void shouldFindAnActiveKeyByItsHash() {
    registry.applyKey(ApiKeyHash.of(KEY), key(null));

    assertThat(authenticator.check(KEY))
        .isEqualTo(new KeyCheck.Active(key(null), ApiKeyHash.of(KEY)))
        .satisfies(check -> assertThat(((KeyCheck.Active) check).siteId()).isEqualTo("shop"));
  }

  @Test
  void shouldRefuseUnknownAndRevokedKeysAndTheHashItself() {
    registry.applyKey(ApiKeyHash.of(KEY), key(null));
    String revoked = KEY.replace('0', 'Z');
    registry.applyKey(ApiKeyHash.of(revoked), key(Instant.EPOCH));

    assertThat(authenticator.check(revoked)).isEqualTo(KeyCheck.REFUSED);
    assertThat(authenticator.check(KEY + "x")).isEqualTo(KeyCheck.REFUSED);
    assertThat(authenticator.check(ApiKeyHash.of(KEY))).isEqualTo(KeyCheck.REFUSED);
  }

  @Test
  void shouldDecideNothingUntilTheRegistryHasCaughtUp() {
    registry.applyKey(ApiKeyHash.of(KEY), key(null));
    caughtUp.set(false);

    // Not 403 for an unknown key, and not 200 for a known one whose revocation may be unread.
    assertThat(authenticator.check(KEY)).isEqualTo(KeyCheck.NOT_READY);
    assertThat(authenticator.check(KEY + "x")).isEqualTo(KeyCheck.NOT_READY);
  }

  private static ApiKey key(Instant revokedAt) {
    return new ApiKey("k1", "shop", "sf_live_0123", Instant.EPOCH, revokedAt);
  }
}
