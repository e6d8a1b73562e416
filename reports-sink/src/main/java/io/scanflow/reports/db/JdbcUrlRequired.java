package io.scanflow.reports.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Refuses to start without a PostgreSQL to write to, before anything connects to Kafka. Without
 * this check Quarkus would deactivate the datasource, start the consumer, and fail later with a
 * message about the "reports" pool. It is a {@link ConfigSourceFactory} only because that runs
 * first, while the runtime configuration is built; it contributes no configuration.
 */
public class JdbcUrlRequired implements ConfigSourceFactory {
  static final String JDBC_URL = "quarkus.datasource.jdbc.url";

  static final String MISSING =
      "reports-sink needs a PostgreSQL: set quarkus.datasource.jdbc.url"
          + " (QUARKUS_DATASOURCE_JDBC_URL, with _USERNAME and _PASSWORD). ./scanflow up runs a"
          + " PostgreSQL for development and passes its URL.";

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    // The build (augmentation) reads configuration too; only a starting application needs a URL.
    if (ExecutionMode.current() == ExecutionMode.RUNTIME_INIT) {
      require(Optional.ofNullable(context.getValue(JDBC_URL)).map(ConfigValue::getValue));
    }
    return List.of();
  }

  /** Throws with {@link #MISSING} when the URL is absent or blank. */
  static void require(Optional<String> jdbcUrl) {
    if (jdbcUrl.filter(url -> !url.isBlank()).isEmpty()) {
      throw new IllegalStateException(MISSING);
    }
  }
}
