package io.scanflow.reports;

import io.scanflow.testsupport.ValidatedConfig;
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
    return ValidatedConfig.of(ReportsConfig.class, all);
  }
}
