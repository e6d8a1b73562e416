package io.scanflow.e2e;

import io.scanflow.devstack.replay.ReportTables;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every row of every report table, as sorted text, without the columns that record when a stage
 * processed a row (a replay processes it again, later): what "identical tables" means.
 */
final class ReportTablesSnapshot {
  private static final Set<String> PROCESSING_TIME =
      Set.of("stored_at", "deduplicated_at", "attributed_at", "updated_at");

  private ReportTablesSnapshot() {}

  static Map<String, List<String>> take(Connection connection) throws SQLException {
    Map<String, List<String>> tables = new TreeMap<>();
    for (String table : new ReportTables(connection).names()) {
      tables.put(table, rows(connection, table));
    }
    return tables;
  }

  private static List<String> rows(Connection connection, String table) throws SQLException {
    List<String> rows = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("SELECT * FROM \"" + table + "\"")) {
      ResultSetMetaData meta = result.getMetaData();
      while (result.next()) {
        StringBuilder row = new StringBuilder();
        for (int column = 1; column <= meta.getColumnCount(); column++) {
          if (!PROCESSING_TIME.contains(meta.getColumnName(column))) {
            row.append(meta.getColumnName(column)).append('=').append(result.getString(column));
            row.append(' ');
          }
        }
        rows.add(row.toString());
      }
    }
    rows.sort(String::compareTo);
    return rows;
  }
}
