package io.scanflow.ingest.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.ingest.auth.Authentication.Outcome;
import io.scanflow.ingest.registry.KeyRegistry;
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
    registry.applyKey(
        ApiKeyHash.of(KEY), new ApiKey("k1", "shop", "sf_live_aaaa", Instant.EPOCH, revokedAt));
  }

  @Test
  void shouldAuthenticateAKnownKeyWhetherOrNotTheRegistryIsCurrent() {
    known(null);

    for (boolean isCurrent : new boolean[] {false, true}) {
      current.set(isCurrent);
      Authentication authentication = authenticator.authenticate(KEY);

      assertThat(authentication.outcome()).isEqualTo(Outcome.AUTHENTICATED);
      assertThat(authentication.caller().siteId()).isEqualTo("shop");
      assertThat(authentication.caller().keyHash()).isEqualTo(ApiKeyHash.of(KEY));
    }
  }

  @Test
  void shouldNotCallAnUnknownKeyInvalidBeforeTheRegistryCaughtUp() {
    current.set(false);

    assertThat(authenticator.authenticate(UNKNOWN).outcome()).isEqualTo(Outcome.NOT_YET_KNOWN);
  }

  @Test
  void shouldRefuseAnUnknownKeyOnceTheRegistryIsCurrent() {
    current.set(true);

    assertThat(authenticator.authenticate(UNKNOWN).outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void shouldRefuseARevokedKeyEvenWhileTheRegistryIsBehind() {
    known(Instant.EPOCH);

    current.set(false);
    assertThat(authenticator.authenticate(KEY).outcome()).isEqualTo(Outcome.REFUSED);
    current.set(true);
    assertThat(authenticator.authenticate(KEY).outcome()).isEqualTo(Outcome.REFUSED);
  }

  @Test
  void shouldRefuseTheHashPresentedAsAKey() {
    known(null);
    current.set(true);

    assertThat(authenticator.authenticate(ApiKeyHash.of(KEY)).outcome()).isEqualTo(Outcome.REFUSED);
  }
}
