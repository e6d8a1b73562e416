package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Starts the packaged service with a configuration it must refuse, and returns what it logged once
 * it stopped by itself with a non-zero exit code.
 */
final class RefusedStart {
  static final Path APP = Path.of("target", "quarkus-app");

  private RefusedStart() {}

  /** {@code environment} is added to this JVM's; a {@code null} value removes the variable. */
  static String logOf(Map<String, String> environment) throws Exception {
    Path jar = APP.resolve("quarkus-run.jar");
    assertThat(jar).as("packaged application").exists();
    Path log = Files.createTempFile("reports-refused-start-", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx128m",
            "-jar",
            jar.toString());
    builder.environment().put("QUARKUS_HTTP_PORT", "0");
    // Never reached: the configuration is refused before anything connects.
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
    environment.forEach(
        (name, value) -> {
          if (value == null) {
            builder.environment().remove(name);
          } else {
            builder.environment().put(name, value);
          }
        });
    builder.redirectErrorStream(true).redirectOutput(log.toFile());

    Process service = builder.start();
    try {
      assertThat(service.waitFor(60, TimeUnit.SECONDS)).as("stopped by itself").isTrue();
      assertThat(service.exitValue()).isNotZero();
      return Files.readString(log);
    } finally {
      service.destroyForcibly();
      Files.deleteIfExists(log);
    }
  }
}
