package io.scanflow.reports.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** reports-sink's own embedded PostgreSQL, as it runs when no JDBC URL is configured. */
class EmbeddedPostgresServerIT {

  @Test
  void shouldCommitDurablySinceTheSinkCommitsItsOffsetsAfterTheDatabase() throws Exception {
    Path dataDir = Files.createTempDirectory("scanflow-durable-");
    try {
      String url = EmbeddedPostgresServer.startOnce(dataDir, 0);
      try (Connection connection = DriverManager.getConnection(url, "postgres", "postgres")) {
        assertThat(setting(connection, "synchronous_commit")).isEqualTo("on");
        assertThat(setting(connection, "fsync")).isEqualTo("on");
        assertThat(setting(connection, "full_page_writes")).isEqualTo("on");
      }
    } finally {
      EmbeddedPostgresServer.stop();
      try (var paths = Files.walk(dataDir)) {
        paths
            .sorted(java.util.Comparator.reverseOrder())
            .map(Path::toFile)
            .forEach(f -> f.delete());
      }
    }
  }

  private static String setting(Connection connection, String name) throws Exception {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("show " + name)) {
      rows.next();
      return rows.getString(1);
    }
  }
}
