package io.scanflow.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Another ingest-api process: the packaged application ({@code target/quarkus-app}, built by the
 * {@code package} phase before failsafe runs), started on its own port against the test's broker,
 * as a second instance behind a load balancer would run. Its log is {@code target/<name>.log}.
 */
final class SecondIngestApi implements AutoCloseable {
  private static final Path APP = Path.of("target", "quarkus-app", "quarkus-run.jar");
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private final Process process;
  private final URI base;

  private SecondIngestApi(Process process, URI base) {
    this.process = process;
    this.base = base;
  }

  /** Starts it and waits until it is ready (Kafka reachable, key registry current). */
  static SecondIngestApi start(String name, String bootstrapServers, String adminToken)
      throws IOException {
    return start(name, bootstrapServers, adminToken, Map.of());
  }

  /** The same, with more {@code scanflow.*} settings, e.g. the test's own rate limit. */
  static SecondIngestApi start(
      String name, String bootstrapServers, String adminToken, Map<String, String> settings)
      throws IOException {
    assertThat(APP)
        .as("the packaged application; run the ITs through `mvn verify`, which packages it first")
        .exists();
    int port = freePort();
    Path log = Path.of("target", name + ".log");
    Process process =
        new ProcessBuilder(command(port, bootstrapServers, adminToken, settings))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    SecondIngestApi started = new SecondIngestApi(process, URI.create("http://127.0.0.1:" + port));
    try {
      started.awaitReady(log);
    } catch (RuntimeException | Error e) {
      started.close();
      throw e;
    }
    return started;
  }

  private static List<String> command(
      int port, String bootstrapServers, String adminToken, Map<String, String> settings) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-Dquarkus.http.host=127.0.0.1");
    command.add("-Dquarkus.http.port=" + port);
    command.add("-Dkafka.bootstrap.servers=" + bootstrapServers);
    command.add("-Dscanflow.admin-token=" + adminToken);
    command.add("-Dscanflow.topics.create-missing=false");
    command.add("-Dquarkus.log.category.\"org.apache.kafka\".level=WARN");
    settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(APP.toString());
    return command;
  }

  URI base() {
    return base;
  }

  private void awaitReady(Path log) {
    HttpClient client = HttpClient.newHttpClient();
    HttpRequest ready = HttpRequest.newBuilder(base.resolve("/q/health/ready")).build();
    await("second ingest-api ready (see " + log + ")")
        .atMost(START_TIMEOUT)
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              assertThat(process.isAlive()).as("second ingest-api alive: " + tail(log)).isTrue();
              try {
                return client.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode()
                    == 200;
              } catch (IOException e) {
                return false; // not listening yet
              }
            });
  }

  private static String tail(Path log) throws IOException {
    List<String> lines = Files.readAllLines(log);
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** Stops the process it started (SIGTERM, then SIGKILL if it hangs). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(15, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
