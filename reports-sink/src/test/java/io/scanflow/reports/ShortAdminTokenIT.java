package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged service refuses to start with a guessable admin token, and says why. */
class ShortAdminTokenIT {
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final String SHORT_TOKEN = "changeme-admin-token";

  @Test
  void shouldRefuseToStartWithAnAdminTokenShorterThan32Characters() throws Exception {
    assertThat(JAR).as("packaged application").exists();
    Path log = Files.createTempFile("reports-short-token-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-jar",
            JAR.toString());
    builder.environment().put("SCANFLOW_ADMIN_TOKEN", SHORT_TOKEN);
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    // Never reached: the configuration is refused before anything connects.
    builder.environment().put("QUARKUS_DATASOURCE_JDBC_URL", "jdbc:postgresql://127.0.0.1:1/none");
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    Process service = builder.start();
    try {
      assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped by itself").isTrue();
      assertThat(service.exitValue()).isNotZero();
      assertThat(Files.readString(log))
          .contains("scanflow.admin-token must be a secret of at least 32 characters")
          .doesNotContain(SHORT_TOKEN);
    } finally {
      service.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
