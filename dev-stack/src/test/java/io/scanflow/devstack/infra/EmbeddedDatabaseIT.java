package io.scanflow.devstack.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.scanflow.devstack.StackPorts;
import io.scanflow.devstack.process.ListeningSockets;
import io.scanflow.devstack.process.ProcessLiveness;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dev stack's PostgreSQL: durable unless asked otherwise, and restartable after a crash. The
 * tests share one data directory (initdb once), as runs of the dev stack do.
 */
class EmbeddedDatabaseIT {
  @TempDir static Path home;
  private EmbeddedDatabase database;

  @AfterEach
  void stop() {
    if (database != null) {
      database.close();
    }
  }

  @Test
  void shouldCommitDurablyByDefault() throws Exception {
    database = start(true);

    assertThat(settings()).isEqualTo(EmbeddedDatabase.DURABLE);
  }

  @Test
  void shouldListenOnTheLoopbackOnly() throws Exception {
    database = start(true);

    assertThat(query("SHOW listen_addresses")).isEqualTo("127.0.0.1");
    assertThat(ListeningSockets.of(database.pid()))
        .isNotEmpty()
        .allSatisfy(socket -> assertThat(socket.getHostString()).isEqualTo("127.0.0.1"));
  }

  @Test
  void shouldTurnDurabilityOffOnlyWhenAskedTo() throws Exception {
    database = start(false);

    assertThat(settings()).isEqualTo(EmbeddedDatabase.FAST_UNSAFE);
  }

  @Test
  void shouldRestartOnTheSameDataAfterTheServerWasKilled() throws Exception {
    database = start(true);
    execute("CREATE TABLE IF NOT EXISTS receipts (id text PRIMARY KEY)");
    execute("INSERT INTO receipts VALUES ('committed-before-the-crash') ON CONFLICT DO NOTHING");
    long crashed = database.pid();
    assertThat(database.unexpectedExit()).isEmpty();

    killWithChildren(crashed);

    await().atMost(Duration.ofSeconds(10)).until(() -> database.unexpectedExit().isPresent());
    assertThat(database.unexpectedExit()).contains("server process " + crashed + " is gone");
    database.restart();

    assertThat(database.pid()).isNotEqualTo(crashed);
    assertThat(database.unexpectedExit()).isEmpty();
    assertThat(query("SELECT count(*) FROM receipts WHERE id = 'committed-before-the-crash'"))
        .isEqualTo("1");
    assertThat(settings()).isEqualTo(EmbeddedDatabase.DURABLE);
    assertThat(query("SHOW listen_addresses")).isEqualTo("127.0.0.1");
  }

  @Test
  void shouldNotReportARequestedStopAsAnExit() {
    database = start(true);

    database.close();

    assertThat(database.unexpectedExit()).isEmpty();
  }

  @Test
  void shouldStopTheServerEvenWhenPgCtlCannot() throws Exception {
    database = start(true);
    long server = database.pid();
    // Without its pid file pg_ctl does not know the server runs, and zonky's close only logs that.
    Path pidFile = home.resolve("postgres").resolve("postmaster.pid");
    Path hidden = home.resolve("postmaster.pid.hidden");
    Files.move(pidFile, hidden);
    try {
      database.close();

      assertThat(ProcessLiveness.isRunning(server)).as("server process still running").isFalse();
    } finally {
      if (Files.exists(hidden) && !Files.exists(pidFile)) {
        Files.delete(hidden); // the server is gone, so its pid file is stale
      }
      database = null;
    }
  }

  private EmbeddedDatabase start(boolean durable) {
    return EmbeddedDatabase.start(
        home.resolve("postgres"),
        StackPorts.free().postgres(),
        durable,
        home.resolve("logs/postgres.log"));
  }

  /** kill -9 of the postmaster and all its processes at once, as a crash or the OOM killer. */
  private static void killWithChildren(long pid) {
    ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow();
    Stream.concat(Stream.of(postmaster), postmaster.descendants().toList().stream())
        .forEach(ProcessHandle::destroyForcibly);
  }

  private Map<String, String> settings() throws SQLException {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String name : EmbeddedDatabase.DURABLE.keySet()) {
      settings.put(name, query("SHOW " + name));
    }
    return settings;
  }

  private String query(String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getString(1);
    }
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = database.connect();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
