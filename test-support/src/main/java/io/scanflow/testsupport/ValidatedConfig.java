package io.scanflow.testsupport;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
import java.time.Duration;
import java.util.Map;

/**
 * A service's {@code @ConfigMapping} for a unit test, built and validated the way Quarkus does at
 * start-up: its defaults, Quarkus's duration syntax ({@code 5m}, {@code 7d}) and its Bean
 * Validation constraints, so that a bad value throws the {@code ConfigValidationException} an
 * operator would see.
 */
public final class ValidatedConfig {
  private ValidatedConfig() {}

  /** The mapping with {@code properties} over its defaults. */
  public static <T> T of(Class<T> mapping, Map<String, String> properties) {
    return new SmallRyeConfigBuilder()
        .withMapping(mapping)
        .withConverter(Duration.class, 100, new DurationConverter())
        .withValidator(new BeanValidationConfigValidatorImpl())
        .withSources(new PropertiesConfigSource(properties, "test", 100))
        .build()
        .getConfigMapping(mapping);
  }
}
