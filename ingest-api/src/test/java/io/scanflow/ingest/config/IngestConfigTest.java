package io.scanflow.ingest.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.contract.config.EffectiveConfig;
import io.scanflow.testsupport.ValidatedConfig;
import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The constraints of the config mapping, validated the way Quarkus does at start-up. */
class IngestConfigTest {
  private static final String VALID_TOKEN = "valid-admin-token-of-at-least-32-characters";

  @Test
  void shouldRefuseToStartWithAShortAdminTokenNamingTheSettingButNotTheValue() {
    assertThatThrownBy(() -> configWithAdminToken("changeme-admin"))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.admin-token")
        .hasMessageContaining("at least 32 characters")
        .message()
        .doesNotContain("changeme-admin");
  }

  @Test
  void shouldRefuseABlankAdminToken() {
    assertThatThrownBy(() -> configWithAdminToken(" ".repeat(40)))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.admin-token");
  }

  @Test
  void shouldStartWithATokenOfAtLeast32Characters() {
    String token = "0123456789abcdef0123456789abcdef";

    assertThat(configWithAdminToken(token).adminToken()).isEqualTo(token);
  }

  @Test
  void shouldRefuseAZeroRateLimitNamingTheSetting() {
    assertThatThrownBy(() -> config(Map.of("scanflow.rate-limit.requests-per-minute", "0")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.rate-limit.requests-per-minute")
        .hasMessageContaining("greater than or equal to 1");
  }

  @Test
  void shouldRefuseANegativeEventTimeRangeNamingTheSetting() {
    assertThatThrownBy(() -> config(Map.of("scanflow.event-time.max-past", "-1h")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.event-time.max-past must not be negative");
  }

  @Test
  void shouldRefuseAStalenessLimitShorterThanFivePolls() {
    assertThatThrownBy(
            () ->
                config(
                    Map.of(
                        "scanflow.registry.poll-interval", "2s",
                        "scanflow.registry.max-staleness", "5s")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining(
            "scanflow.registry.max-staleness must be at least 5 times"
                + " scanflow.registry.poll-interval");
  }

  @Test
  void shouldRefuseAShareIntervalOutsideItsRangeOrLongerThanAFifthOfThePeerTimeout() {
    assertThatThrownBy(() -> config(Map.of("scanflow.rate-limit.share-interval", "5ms")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.rate-limit.share-interval must be at least 10ms");
    assertThatThrownBy(() -> config(Map.of("scanflow.rate-limit.share-interval", "2s")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.rate-limit.share-interval must be at most 1s");
    assertThatThrownBy(() -> config(Map.of("scanflow.rate-limit.share-interval", "500ms")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.rate-limit.peer-timeout must be at least 5 times");
  }

  @Test
  void shouldStartWithTheDefaultsDeclaredOnTheMapping() {
    IngestConfig config = config(Map.of());

    assertThat(config.rateLimit().requestsPerMinute()).isEqualTo(1000);
    assertThat(config.rateLimit().shareInterval()).isEqualTo(Duration.ofMillis(100));
    assertThat(config.rateLimit().peerTimeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(config.registry().maxStaleness()).isEqualTo(Duration.ofSeconds(5));
    assertThat(config.topics().partitions()).isEqualTo(12);
  }

  @Test
  void shouldMaskAdminTokenInLoggedConfig() {
    IngestConfig config = config(Map.of());

    String logged =
        new EffectiveConfig()
            .mapping("scanflow", IngestConfig.class, config)
            .describe("ingest-api");

    assertThat(logged)
        .contains("scanflow.admin-token = " + EffectiveConfig.MASK)
        .contains("scanflow.rate-limit.requests-per-minute = 1000")
        .contains("scanflow.rejections.per-key-per-minute = 60")
        .doesNotContain(VALID_TOKEN);
  }

  private static IngestConfig configWithAdminToken(String token) {
    return config(Map.of("scanflow.admin-token", token));
  }

  /** {@code properties} over a valid admin token and the mapping's defaults. */
  private static IngestConfig config(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(Map.of("scanflow.admin-token", VALID_TOKEN));
    all.putAll(properties);
    return ValidatedConfig.of(IngestConfig.class, all);
  }
}
