package io.scanflow.contract.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.scanflow.contract.ApiKey;
import io.scanflow.contract.Topics;
import io.scanflow.contract.TrackingSite;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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

  @Test
  void shouldApplyRecordsOfBothTopicsAsTheyComeFromKafka() {
    ApiKey key = new ApiKey("k1", "shop", "p", Instant.EPOCH, null);
    TrackingSite site = new TrackingSite("shop", "Shop", 30, Instant.EPOCH);

    byte[] keyBytes = Topics.API_KEYS.valueSerde().serializer().serialize("api-keys", key);
    byte[] siteBytes =
        Topics.TRACKING_SITES.valueSerde().serializer().serialize("tracking-sites", site);

    registry.apply(record(Topics.API_KEYS.name(), "h1", keyBytes));
    registry.apply(record(Topics.TRACKING_SITES.name(), "shop", siteBytes));

    assertThat(registry.topics())
        .containsExactlyInAnyOrder(Topics.API_KEYS.name(), Topics.TRACKING_SITES.name());
    assertThat(registry.activeKey("h1")).contains(key);
    assertThat(registry.site("shop")).contains(site);

    registry.apply(record(Topics.API_KEYS.name(), "h1", null));
    assertThat(registry.activeKey("h1")).isEmpty();
  }

  private static ConsumerRecord<String, byte[]> record(String topic, String key, byte[] value) {
    return new ConsumerRecord<>(topic, 0, 0L, key, value);
  }
}
