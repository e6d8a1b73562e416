package io.scanflow.ingest.config;

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

/** The constraints of the config mapping, validated the way Quarkus does at start-up. */
class IngestConfigTest {

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

  private static IngestConfig configWithAdminToken(String token) {
    return new SmallRyeConfigBuilder()
        .withMapping(IngestConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "5m" syntax
        .withValidator(new BeanValidationConfigValidatorImpl())
        .withSources(new PropertiesConfigSource(Map.of("scanflow.admin-token", token), "test", 100))
        .build()
        .getConfigMapping(IngestConfig.class);
  }
}
