package io.scanflow.devstack.infra;

import io.scanflow.devstack.BindAddress;
import io.scanflow.devstack.process.ProcessLiveness;
import io.scanflow.devstack.supervisor.Supervised;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Real PostgreSQL 17 from the embedded binaries, run by the supervisor on a fixed port with a
 * persistent data directory; the reports-sink gets its JDBC URL. Durable by default: the sink
 * commits its Kafka offsets after each database commit, so a commit must survive a crash. It
 * listens on the loopback only, whatever {@code --bind} says: zonky's {@code initdb -A trust} lets
 * every local connection in without a password.
 */
public final class EmbeddedDatabase implements Supervised, AutoCloseable {
  public static final String DATABASE = "scanflow";
  public static final String USER = "postgres";
  public static final String PASSWORD = "postgres";

  /**
   * zonky starts PostgreSQL with {@code synchronous_commit=off} and {@code -F} (fsync off): fast
   * for tests, but a crash then loses commits the sink already acknowledged to Kafka.
   */
  static final Map<String, String> DURABLE =
      Map.of("synchronous_commit", "on", "fsync", "on", "full_page_writes", "on");

  static final Map<String, String> FAST_UNSAFE =
      Map.of("synchronous_commit", "off", "fsync", "off", "full_page_writes", "off");

  /** zonky sets none, and PostgreSQL's default {@code localhost} is also {@code ::1}. */
  static final String LISTEN_ADDRESSES = BindAddress.LOOPBACK.host();

  /** Crash recovery after a kill can take a while on a busy machine; zonky's default is 10 s. */
  private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);

  /** PostgreSQL refuses to start while the old postmaster's pid is in the table, even as zombie. */
  private static final Duration REAP_TIMEOUT = Duration.ofSeconds(30);

  /** How long a stop request may take before the next, harder one. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(15);

  private final Path dataDirectory;
  private final int port;
  private final boolean durable;
  private final Path log;
  private volatile EmbeddedPostgres postgres;
  private volatile long postmasterPid;
  private volatile boolean closed;

  private EmbeddedDatabase(Path dataDirectory, int port, boolean durable, Path log) {
    this.dataDirectory = dataDirectory;
    this.port = port;
    this.durable = durable;
    this.log = log;
  }

  /**
   * Starts the server (initdb on first use) and makes sure the scanflow database exists.
   *
   * @param durable false only on explicit request ({@code --fast-unsafe-db})
   * @param log where PostgreSQL's own output goes (appended)
   */
  public static EmbeddedDatabase start(Path dataDirectory, int port, boolean durable, Path log) {
    EmbeddedDatabase database = new EmbeddedDatabase(dataDirectory, port, durable, log);
    database.launch();
    database.createDatabaseIfMissing();
    return database;
  }

  public String jdbcUrl() {
    return jdbcUrl(port);
  }

  public static String jdbcUrl(int port) {
    return "jdbc:postgresql://" + LISTEN_ADDRESSES + ":" + port + "/" + DATABASE;
  }

  public Connection connect() throws SQLException {
    return DriverManager.getConnection(jdbcUrl(), USER, PASSWORD);
  }

  public boolean durable() {
    return durable;
  }

  @Override
  public String name() {
    return "postgres";
  }

  /** The postmaster's pid: the server process whose death takes the database down. */
  @Override
  public long pid() {
    return postmasterPid;
  }

  @Override
  public Optional<String> unexpectedExit() {
    if (closed || ProcessLiveness.isRunning(postmasterPid)) {
      return Optional.empty();
    }
    return Optional.of("server process " + postmasterPid + " is gone");
  }

  /**
   * Starts a new server on the same data directory and port after the old one died; PostgreSQL runs
   * its crash recovery by itself. zonky's own start is reused, so it runs under {@code unshare -U}
   * as root exactly as the first time.
   */
  @Override
  public synchronized void restart() {
    // Releases zonky's lock on the data directory; its "pg_ctl stop" finds no server, which is
    // fine.
    closeServer(postgres);
    ProcessLiveness.awaitGone(postmasterPid, REAP_TIMEOUT);
    launch();
  }

  /**
   * Stops the server: zonky's {@code pg_ctl stop}, then, should the server still run (that call
   * only logs its failure; seen once on a dev stack that printed "Stopped." with PostgreSQL left
   * running), a smart shutdown signal of its own, and a kill as the last resort. The services are
   * stopped before the database, so no client holds a smart shutdown up.
   */
  @Override
  public synchronized void close() {
    closed = true;
    closeServer(postgres);
    // pg_ctl stop waits for the server to stop, so a server still running now did not get it.
    if (ProcessLiveness.awaitStopped(postmasterPid, Duration.ofSeconds(2))) {
      return;
    }
    System.out.printf(
        "  PostgreSQL (pid %d) did not stop through pg_ctl; signalling it to stop%n",
        postmasterPid);
    ProcessHandle.of(postmasterPid).ifPresent(ProcessHandle::destroy);
    if (!ProcessLiveness.awaitStopped(postmasterPid, STOP_TIMEOUT)) {
      System.out.printf(
          "  PostgreSQL (pid %d) did not stop within %ds, killing it%n",
          postmasterPid, STOP_TIMEOUT.toSeconds());
      ProcessHandle.of(postmasterPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  private void launch() {
    try {
      Files.createDirectories(log.getParent());
      // Not "clean": the embedded server would otherwise delete its data directory on close.
      EmbeddedPostgres.Builder builder =
          EmbeddedPostgres.builder()
              .setDataDirectory(dataDirectory)
              .setCleanDataDirectory(false)
              .setPort(port)
              .setPGStartupWait(STARTUP_TIMEOUT)
              .setOutputRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .setErrorRedirector(ProcessBuilder.Redirect.appendTo(log.toFile()));
      (durable ? DURABLE : FAST_UNSAFE).forEach(builder::setServerConfig);
      builder.setServerConfig("listen_addresses", LISTEN_ADDRESSES);
      postgres = builder.start();
      postmasterPid = readPostmasterPid();
    } catch (IOException e) {
      throw new UncheckedIOException("Could not start embedded PostgreSQL", e);
    }
  }

  /** The first line of {@code postmaster.pid}, written by the server once it runs. */
  private long readPostmasterPid() throws IOException {
    String content = Files.readString(dataDirectory.resolve("postmaster.pid"));
    return Long.parseLong(content.lines().findFirst().orElseThrow().trim());
  }

  private void createDatabaseIfMissing() {
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      var rows =
          statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'");
      if (!rows.next()) {
        statement.execute("CREATE DATABASE " + DATABASE);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Could not create database " + DATABASE, e);
    }
  }

  private static void closeServer(EmbeddedPostgres postgres) {
    try {
      if (postgres != null) {
        postgres.close();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
