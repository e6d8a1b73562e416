package io.scanflow.reports.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads a site's daily aggregates for a range of its local days and summarises them. */
@ApplicationScoped
public class SummaryQueries {
  private final AgroalDataSource dataSource;

  public SummaryQueries(@DataSource(ReadPool.NAME) AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The days are the site's local days in {@code zone}, as its aggregates are counted. */
  public SiteSummary summary(String siteId, ZoneId zone, LocalDate from, LocalDate to)
      throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      // One snapshot for both reads, so that events and duplicates agree with each other.
      connection.setAutoCommit(false);
      connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
      try {
        List<AggregateRow> rows = aggregates(connection, siteId, from, to);
        Map<LocalDate, Long> duplicates = duplicates(connection, siteId, from, to);
        return SummaryCalculator.summarise(siteId, zone.getId(), from, to, rows, duplicates);
      } finally {
        // Pooled connections go back as they came: read committed, auto-commit.
        connection.rollback();
        connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        connection.setAutoCommit(true);
      }
    }
  }

  private static List<AggregateRow> aggregates(
      Connection connection, String siteId, LocalDate from, LocalDate to) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select day, event_name, qr_code_id, attribution_status, unattributed_reason,"
                + " currency, events, conversion_value from daily_aggregates"
                + " where site_id = ? and day between ? and ?")) {
      bind(statement, siteId, from, to);
      return Jdbc.list(
          statement,
          result ->
              new AggregateRow(
                  result.getObject("day", LocalDate.class),
                  result.getString("event_name"),
                  result.getString("qr_code_id"),
                  result.getString("attribution_status"),
                  result.getString("unattributed_reason"),
                  result.getString("currency"),
                  result.getLong("events"),
                  result.getBigDecimal("conversion_value")));
    }
  }

  private static Map<LocalDate, Long> duplicates(
      Connection connection, String siteId, LocalDate from, LocalDate to) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select day, duplicates from daily_duplicates where site_id = ? and day between ? and ?")) {
      bind(statement, siteId, from, to);
      Map<LocalDate, Long> perDay = new HashMap<>();
      try (ResultSet result = statement.executeQuery()) {
        while (result.next()) {
          perDay.put(result.getObject("day", LocalDate.class), result.getLong("duplicates"));
        }
      }
      return perDay;
    }
  }

  private static void bind(PreparedStatement statement, String siteId, LocalDate from, LocalDate to)
      throws SQLException {
    statement.setString(1, siteId);
    statement.setObject(2, from);
    statement.setObject(3, to);
  }
}
