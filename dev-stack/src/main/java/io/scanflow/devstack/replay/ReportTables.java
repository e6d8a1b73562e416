package io.scanflow.devstack.replay;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The reports-sink's tables (its Flyway migrations own them): everything in the schema except
 * Flyway's history, emptied before a replay so the sink rebuilds them from the topics.
 */
public final class ReportTables {
  private final Connection connection;

  public ReportTables(Connection connection) {
    this.connection = connection;
  }

  public List<String> names() throws SQLException {
    List<String> names = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT table_name FROM information_schema.tables"
                    + " WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'"
                    + " AND table_name NOT LIKE 'flyway%' ORDER BY table_name")) {
      while (rows.next()) {
        names.add(rows.getString(1));
      }
    }
    return names;
  }

  /** Empties every report table in one statement (one transaction). */
  public List<String> truncate() throws SQLException {
    List<String> names = names();
    if (!names.isEmpty()) {
      try (Statement statement = connection.createStatement()) {
        statement.execute(
            "TRUNCATE "
                + String.join(", ", names.stream().map(n -> '"' + n + '"').toList())
                + " RESTART IDENTITY CASCADE");
      }
    }
    return names;
  }
}
