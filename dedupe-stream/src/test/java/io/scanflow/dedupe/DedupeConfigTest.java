package io.scanflow.dedupe;

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
class DedupeConfigTest {

  @Test
  void shouldDefaultToWindowDeclaredOnTheMapping() {
    assertThat(config(Map.of()).window()).isEqualTo(Duration.ofDays(7));
  }

  @Test
  void shouldRefuseAZeroWindowNamingTheSetting() {
    assertThatThrownBy(() -> config(Map.of("scanflow.dedupe.window", "0s")))
        .isInstanceOf(ConfigValidationException.class)
        .hasMessageContaining("scanflow.dedupe.window must be positive");
  }

  private static DedupeConfig config(Map<String, String> properties) {
    return ValidatedConfig.of(DedupeConfig.class, properties);
  }
}
