package io.scanflow.reports.db;

import io.quarkus.runtime.ExecutionMode;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.PropertiesConfigSource;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Starts the embedded PostgreSQL while the runtime configuration is built, when no JDBC URL is
 * configured (or {@code scanflow.reports.embedded-postgres.enabled=true}), and supplies the
 * datasource URL and credentials; the datasource and Flyway then start against it as against any
 * server. With a configured URL and no explicit opt-in it does nothing.
 */
public class EmbeddedPostgresFactory implements ConfigSourceFactory {
  static final String ENABLED = "scanflow.reports.embedded-postgres.enabled";
  static final String DATA_DIR = "scanflow.reports.embedded-postgres.data-dir";
  static final String PORT = "scanflow.reports.embedded-postgres.port";
  static final String JDBC_URL = "quarkus.datasource.jdbc.url";

  /** Above environment variables (300), so that an explicit opt-in wins over a stale URL. */
  private static final int ORDINAL = 500;

  @Override
  public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
    // The build (augmentation) reads configuration too; only a starting application needs a server.
    if (ExecutionMode.current() != ExecutionMode.RUNTIME_INIT) {
      return List.of();
    }
    String enabled = value(context, ENABLED);
    boolean start =
        enabled == null ? value(context, JDBC_URL) == null : Boolean.parseBoolean(enabled);
    if (!start) {
      return List.of();
    }
    String dataDir = valueOr(context, DATA_DIR, ".scanflow/reports-postgres");
    int port = Integer.parseInt(valueOr(context, PORT, "0"));
    String url = EmbeddedPostgresServer.startOnce(Path.of(dataDir), port);
    return List.of(
        new PropertiesConfigSource(
            Map.of(
                JDBC_URL,
                url,
                "quarkus.datasource.username",
                "postgres",
                "quarkus.datasource.password",
                "postgres"),
            "EmbeddedPostgres",
            ORDINAL));
  }

  private static String valueOr(ConfigSourceContext context, String name, String fallback) {
    String value = value(context, name);
    return value == null ? fallback : value;
  }

  private static String value(ConfigSourceContext context, String name) {
    ConfigValue value = context.getValue(name);
    return value == null || value.getValue() == null || value.getValue().isBlank()
        ? null
        : value.getValue();
  }
}
