package io.scanflow.ingest.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.TrackingSite;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KeyRegistryTest {
  private final KeyRegistry registry = new KeyRegistry();

  @Test
  void shouldFindActiveKeysAndForgetRevokedOnesForAuthentication() {
    registry.applyKey("h1", new ApiKey("k1", "shop", "p", Instant.EPOCH, null));
    assertThat(registry.activeKey("h1")).isPresent();

    registry.applyKey("h1", new ApiKey("k1", "shop", "p", Instant.EPOCH, Instant.EPOCH));

    assertThat(registry.activeKey("h1")).isEmpty();
    assertThat(registry.keyById("k1"))
        .hasValueSatisfying(e -> assertThat(e.getKey()).isEqualTo("h1"));
    assertThat(registry.keysOf("shop")).hasSize(1);
  }

  @Test
  void shouldForgetAKeyOnATombstone() {
    registry.applyKey("h1", new ApiKey("k1", "shop", "p", Instant.EPOCH, null));
    registry.applyKey("h1", null);

    assertThat(registry.activeKey("h1")).isEmpty();
    assertThat(registry.keyById("k1")).isEmpty();
  }

  @Test
  void shouldListSitesOldestFirst() {
    registry.applySite("b", new TrackingSite("b", "B", 30, Instant.parse("2026-01-02T00:00:00Z")));
    registry.applySite("a", new TrackingSite("a", "A", 30, Instant.parse("2026-01-01T00:00:00Z")));

    assertThat(registry.sites()).extracting(TrackingSite::siteId).containsExactly("a", "b");
  }
}
