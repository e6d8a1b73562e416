package io.scanflow.testsupport;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * A real PostgreSQL server (embedded binaries) that can be stopped and started again on the same
 * port and data directory, to test outages.
 */
public final class PostgresTestDatabase implements AutoCloseable {
  private final Path dataDirectory;
  private final int port;
  private EmbeddedPostgres postgres;

  private PostgresTestDatabase(Path dataDirectory, int port) {
    this.dataDirectory = dataDirectory;
    this.port = port;
  }

  public static PostgresTestDatabase start() {
    try {
      Path dataDirectory = Files.createTempDirectory("scanflow-pg-");
      PostgresTestDatabase database = new PostgresTestDatabase(dataDirectory, freePort());
      database.startServer();
      return database;
    } catch (IOException e) {
      throw new IllegalStateException("Could not start embedded PostgreSQL", e);
    }
  }

  public String jdbcUrl() {
    return "jdbc:postgresql://localhost:" + port + "/postgres";
  }

  public String username() {
    return "postgres";
  }

  public String password() {
    return "postgres";
  }

  public Connection connect() throws SQLException {
    return postgres.getPostgresDatabase().getConnection();
  }

  /** Stops the server, keeping its data, as a database outage would. */
  public synchronized void stopServer() throws IOException {
    if (postgres != null) {
      postgres.close();
      postgres = null;
    }
  }

  /** Starts the server (again) on the same port and data directory. */
  public synchronized void startServer() throws IOException {
    // Not "clean": the embedded server would delete its data directory when stopped.
    postgres =
        EmbeddedPostgres.builder()
            .setDataDirectory(dataDirectory)
            .setCleanDataDirectory(false)
            .setPort(port)
            .start();
  }

  @Override
  public void close() throws IOException {
    stopServer();
    Directories.deleteRecursively(dataDirectory);
  }

  private static int freePort() throws IOException {
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
