package io.scanflow.reports;

import io.scanflow.testsupport.PostgresTestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

/** Every report row of one site, as text, to compare tables before and after a redelivery. */
final class TableSnapshot {
  private static final List<String> TABLES =
      List.of(
          "event_log",
          "pending_events",
          "duplicate_receipts",
          "daily_aggregates",
          "daily_duplicates",
          "sites");

  private TableSnapshot() {}

  static List<String> of(PostgresTestDatabase database, String siteId) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection connection = database.connect()) {
      for (String table : TABLES) {
        try (PreparedStatement statement =
            connection.prepareStatement(
                "select t::text from " + table + " t where site_id = ? order by t::text")) {
          statement.setString(1, siteId);
          try (ResultSet result = statement.executeQuery()) {
            while (result.next()) {
              rows.add(table + ": " + result.getString(1));
            }
          }
        }
      }
    }
    return rows;
  }
}
