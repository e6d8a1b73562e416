package io.scanflow.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** 403 only for a key known to be invalid; 503 while the registry may not have read it yet. */
class ApiKeyAuthenticatorTest {
  private static final String KEY = "sf_live_" + "a".repeat(32);
  private static final String UNKNOWN = "sf_live_" + "b".repeat(32);

  private final KeyRegistry registry = new KeyRegistry();
  private final AtomicBoolean current = new AtomicBoolean();
  private final ApiKeyAuthenticator authenticator = new ApiKeyAuthenticator(registry, current::get);

  private void known(Instant revokedAt) {
    registry.applyKey(ApiKeyHash.of(KEY), key(revokedAt));
  }

  private static ApiKey key(Instant revokedAt) {
    return new ApiKey("k1", "shop", "sf_live_aaaa", Instant.EPOCH, revokedAt);
  }

  @Test
  void shouldAuthenticateAKnownKeyWhetherOrNotTheRegistryIsCurrent() {
    known(null);

    for (boolean isCurrent : new boolean[] {false, true}) {
      current.set(isCurrent);

      assertThat(authenticator.check(KEY))
          .isEqualTo(new KeyCheck.Active(key(null), ApiKeyHash.of(KEY)))
          .satisfies(check -> assertThat(((KeyCheck.Active) check).siteId()).isEqualTo("shop"));
    }
  }

  @Test
  void shouldNotCallAnUnknownKeyInvalidBeforeTheRegistryIsCurrent() {
    current.set(false);

    assertThat(authenticator.check(UNKNOWN)).isEqualTo(KeyCheck.NOT_YET_KNOWN);
  }

  @Test
  void shouldRefuseAnUnknownKeyOnceTheRegistryIsCurrent() {
    current.set(true);

    assertThat(authenticator.check(UNKNOWN)).isEqualTo(KeyCheck.REFUSED);
  }

  @Test
  void shouldRefuseARevokedKeyEvenWhileTheRegistryIsBehind() {
    known(Instant.EPOCH);

    current.set(false);
    assertThat(authenticator.check(KEY)).isEqualTo(KeyCheck.REFUSED);
    current.set(true);
    assertThat(authenticator.check(KEY)).isEqualTo(KeyCheck.REFUSED);
  }

  @Test
  void shouldRefuseTheHashPresentedAsAKeyAndAKeyWithExtraCharacters() {
    known(null);
    current.set(true);

    assertThat(authenticator.check(ApiKeyHash.of(KEY))).isEqualTo(KeyCheck.REFUSED);
    assertThat(authenticator.check(KEY + "x")).isEqualTo(KeyCheck.REFUSED);
  }
}
