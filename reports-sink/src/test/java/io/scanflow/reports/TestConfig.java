package io.scanflow.reports;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.validator.BeanValidationConfigValidatorImpl;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * A real {@link ReportsConfig} for unit tests: the mapping's defaults and constraints, validated
 * the way Quarkus does at start-up, plus the given properties.
 */
public final class TestConfig {
  public static final String ADMIN_TOKEN = "unit-test-admin-token-of-32-chars-or-more";

  private TestConfig() {}

  /** {@code properties} over the defaults; a valid admin token unless they set one. */
  public static ReportsConfig reportsConfig(Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(Map.of("scanflow.admin-token", ADMIN_TOKEN));
    all.putAll(properties);
    return new SmallRyeConfigBuilder()
        .withMapping(ReportsConfig.class)
        .withConverter(Duration.class, 100, new DurationConverter()) // Quarkus's "12h" syntax
        .withValidator(new BeanValidationConfigValidatorImpl())
        .withSources(new PropertiesConfigSource(all, "test", 100))
        .build()
        .getConfigMapping(ReportsConfig.class);
  }
}
