package io.scanflow.reports;

import io.quarkus.runtime.StartupEvent;
import io.scanflow.contract.config.EffectiveConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.NoSuchElementException;
import org.eclipse.microprofile.config.Config;
import org.jboss.logging.Logger;

/**
 * Logs the effective configuration once at start-up, after the mapping's constraints have been
 * checked: every {@code scanflow.*} setting and where the sink reads and writes, with the admin
 * token, the database passwords and any credentials in the JDBC URLs masked.
 */
@ApplicationScoped
class StartupConfigLog {
  private static final Logger LOG = Logger.getLogger(StartupConfigLog.class);

  /** Settings outside the mapping that an operator checks first when the sink misbehaves. */
  private static final String[] FRAMEWORK_SETTINGS = {
    "kafka.bootstrap.servers",
    "quarkus.datasource.jdbc.url",
    "quarkus.datasource.username",
    "quarkus.datasource.password",
    "quarkus.datasource.\"reports\".jdbc.url",
    "quarkus.datasource.\"reports\".username",
    "quarkus.datasource.\"reports\".password",
  };

  void log(@Observes StartupEvent event, ReportsConfig config, Config all) {
    EffectiveConfig effective =
        new EffectiveConfig().mapping("scanflow", ReportsConfig.class, config);
    for (String name : FRAMEWORK_SETTINGS) {
      effective.setting(name, value(all, name));
    }
    LOG.info(effective.describe("reports-sink"));
  }

  /** A log line must never stop start-up: an expression that does not resolve is said as such. */
  private static Object value(Config all, String name) {
    try {
      return all.getOptionalValue(name, String.class);
    } catch (NoSuchElementException | IllegalArgumentException e) {
      return "(unresolved: " + e.getMessage() + ")";
    }
  }
}
