package io.scanflow.attribution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.scanflow.testsupport.ValidatedConfig;
import io.smallrye.config.ConfigValidationException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The default and the constraint of the config mapping, validated the way Quarkus does at start-up.
 */
class AttributionConfigTest {

  @Test
  void shouldDefaultToPendingTimeoutDeclaredOnTheMapping() {
    assertThat(config(Map.of()).pendingTimeout()).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void shouldRefuseAZeroPendingTimeoutNamingTheSetting() {
    assertThatThrownBy(() -> config(Map.of("scanflow.attribution.pending-timeout", "0s")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.attribution.pending-timeout must be positive");
  }

  private static AttributionConfig config(Map<String, String> properties) {
    return ValidatedConfig.of(AttributionConfig.class, properties);
  }
}
