package io.scanflow.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigValidationException;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
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
    return new SmallRyeConfigBuilder()
        .withMapping(DedupeConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "7d" syntax
        .withValidator(new BeanValidationConfigValidatorImpl())
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build()
        .getConfigMapping(DedupeConfig.class);
  }
}
