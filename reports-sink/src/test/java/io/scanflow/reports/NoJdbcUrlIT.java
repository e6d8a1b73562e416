package io.scanflow.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.testsupport.KafkaTestCluster;
import java.io.File;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged service with no JDBC URL configured: it must start its own PostgreSQL, migrate it,
 * consume into it, and stop it cleanly with the service.
 */
class EmbeddedPostgresDefaultIT {
  private static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

  @Test
  void shouldRunOnItsOwnEmbeddedPostgresWhenNoJdbcUrlIsConfigured() throws Exception {
    assertThat(JAR).as("packaged application").exists();
    Path dataDir = Files.createTempDirectory("scanflow-embedded-");
    int port = freePort();
    try (KafkaTestCluster kafka = KafkaTestCluster.start()) {
      Process service = start(kafka, dataDir, port);
      try {
        try (TopicPublisher publisher = new TopicPublisher(kafka)) {
          publisher.site("embedded-site", "Embedded Shop");
        }
        await()
            .atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofMillis(500))
            .until(() -> sites(port).contains("Embedded Shop"));
      } finally {
        service.destroy(); // SIGTERM: the normal way a service is stopped
        assertThat(service.waitFor(30, TimeUnit.SECONDS)).as("service stopped").isTrue();
      }
    }
    try {
      assertThat(dataDir.resolve("PG_VERSION")).exists();
      assertThat(dataDir.resolve("postmaster.pid"))
          .as("PostgreSQL stopped with the service")
          .doesNotExist();
    } finally {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  private static Process start(KafkaTestCluster kafka, Path dataDir, int port) throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-jar",
            JAR.toString());
    builder.environment().put("SCANFLOW_ADMIN_TOKEN", "embedded-admin-token-of-at-least-32-chars");
    builder.environment().put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
    builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
    builder.environment().put("SCANFLOW_REPORTS_EMBEDDED_POSTGRES_DATA_DIR", dataDir.toString());
    builder.environment().remove("QUARKUS_DATASOURCE_JDBC_URL");
    builder.redirectErrorStream(true);
    builder.redirectOutput(new File("target/embedded-postgres-default.log"));
    return builder.start();
  }

  private static String sites(int port) {
    try {
      HttpRequest request =
          HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/sites"))
              .header("Authorization", "Bearer embedded-admin-token-of-at-least-32-chars")
              .timeout(Duration.ofSeconds(5))
              .build();
      HttpResponse<String> response =
          HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 ? response.body() : "";
    } catch (Exception e) {
      return "";
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
