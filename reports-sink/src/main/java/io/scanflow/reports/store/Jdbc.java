package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * JDBC steps the report tables share: reading rows and values into the model, deleting expired
 * rows.
 */
final class Jdbc {
  private Jdbc() {}

  /** Reads one row of a result into the model. */
  @FunctionalInterface
  interface RowReader<T> {
    T read(ResultSet row) throws SQLException;
  }

  /** Runs the query and reads each row of its result, in order. */
  static <T> List<T> list(PreparedStatement statement, RowReader<T> reader) throws SQLException {
    List<T> list = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        list.add(reader.read(rows));
      }
    }
    return list;
  }

  static Instant instant(ResultSet rows, String column) throws SQLException {
    OffsetDateTime value = rows.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static ConversionValue money(ResultSet rows, String amountColumn, String currencyColumn)
      throws SQLException {
    BigDecimal amount = rows.getBigDecimal(amountColumn);
    String currency = rows.getString(currencyColumn);
    return amount == null || currency == null ? null : new ConversionValue(amount, currency);
  }

  static AttributionView attribution(ResultSet rows) throws SQLException {
    String status = rows.getString("attribution_status");
    if (status == null) {
      return null;
    }
    return new AttributionView(
        status,
        rows.getString("unattributed_reason"),
        rows.getString("qr_code_id"),
        rows.getString("campaign"),
        instant(rows, "scanned_at"));
  }

  /**
   * Deletes the rows of {@code table} whose {@code column} is older than {@code now - retention};
   * returns how many. Table and column are constants of the caller, never input.
   */
  static int deleteOlderThan(
      Connection connection, String table, String column, Instant now, Duration retention)
      throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("delete from " + table + " where " + column + " < ?")) {
      statement.setObject(1, OffsetDateTime.ofInstant(now.minus(retention), ZoneOffset.UTC));
      return statement.executeUpdate();
    }
  }
}
