package io.scanflow.reports.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rows turned into one {@code text[]} parameter per column, so that a whole batch is written by a
 * single statement over {@code unnest(...)}; SQL casts each column to its type.
 */
final class TextColumns {
  private final List<List<String>> columns = new ArrayList<>();

  TextColumns(int count) {
    for (int i = 0; i < count; i++) {
      columns.add(new ArrayList<>());
    }
  }

  /** Adds one row; values are already text (instants as RFC 3339, decimals as plain strings). */
  void add(Object... values) {
    if (values.length != columns.size()) {
      throw new IllegalArgumentException(
          "expected " + columns.size() + " values, got " + values.length);
    }
    for (int i = 0; i < values.length; i++) {
      columns.get(i).add(values[i] == null ? null : values[i].toString());
    }
  }

  boolean isEmpty() {
    return columns.isEmpty() || columns.get(0).isEmpty();
  }

  void bind(Connection connection, PreparedStatement statement) throws SQLException {
    for (int i = 0; i < columns.size(); i++) {
      statement.setArray(
          i + 1, connection.createArrayOf("text", columns.get(i).toArray(String[]::new)));
    }
  }
}
