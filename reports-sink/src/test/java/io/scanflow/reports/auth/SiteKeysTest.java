package io.scanflow.reports.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.ApiKeyHash;
import io.scanflow.contract.registry.ApiKeyAuthenticator;
import io.scanflow.contract.registry.KeyRegistry;
import io.scanflow.reports.api.ApiProblem;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SiteKeysTest {
  private static final String KEY = "sf_live_0123456789abcdefABCDEF0123456789";

  private final KeyRegistry registry = new KeyRegistry();
  private final AtomicBoolean current = new AtomicBoolean(true);
  private final SiteKeys siteKeys = new SiteKeys(new ApiKeyAuthenticator(registry, current::get));

  @Test
  void shouldOpenTheKeysOwnSiteOnly() {
    registry.applyKey(ApiKeyHash.of(KEY), key(null));

    ReportReader reader = siteKeys.readerOf(KEY);

    assertThat(reader.admin()).isFalse();
    assertThat(reader.mayRead("shop")).isTrue();
    assertThat(reader.mayRead("other-shop")).isFalse();
    assertThat(reader.rateLimitBucket())
        .as("counted by the key's hash, never the key")
        .isEqualTo("key:" + ApiKeyHash.of(KEY));
  }

  @Test
  void shouldRefuseRevokedAndUnknownKeysWith403() {
    registry.applyKey(ApiKeyHash.of(KEY), key(Instant.EPOCH));

    assertThat(refusal(KEY).getResponse().getStatus()).isEqualTo(403);
    assertThat(refusal(KEY + "x").getResponse().getStatus()).isEqualTo(403);
  }

  @Test
  void shouldAnswer503WithRetryAfterForAnUnknownKeyWhileTheRegistryIsNotCurrent() {
    registry.applyKey(ApiKeyHash.of(KEY), key(null));
    current.set(false);

    ApiProblem refusal = refusal(KEY + "x");

    assertThat(refusal.getResponse().getStatus()).isEqualTo(503);
    assertThat(refusal.getResponse().getHeaderString("Retry-After")).isEqualTo("1");
    assertThat(siteKeys.readerOf(KEY).mayRead("shop"))
        .as("a known active key still works")
        .isTrue();
  }

  private ApiProblem refusal(String presentedKey) {
    return catchThrowableOfType(ApiProblem.class, () -> siteKeys.readerOf(presentedKey));
  }

  private static ApiKey key(Instant revokedAt) {
    return new ApiKey("k1", "shop", "sf_live_0123", Instant.EPOCH, revokedAt);
  }
}
