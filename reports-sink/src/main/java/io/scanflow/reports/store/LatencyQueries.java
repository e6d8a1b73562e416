package io.scanflow.reports.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;

/** Percentiles of the time from acceptance by ingest-api to the row in the event log. */
@ApplicationScoped
public class LatencyQueries {
  private static final String SQL =
      """
      select count(*) as events,
        percentile_cont(0.5) within group (order by extract(epoch from stored_at - received_at)) as p50,
        percentile_cont(0.99) within group (order by extract(epoch from stored_at - received_at)) as p99
      from event_log
      where stored_at >= clock_timestamp() - make_interval(secs => ?::double precision)
      """;

  private final AgroalDataSource dataSource;

  public LatencyQueries(@DataSource(ReadPool.NAME) AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public Latency latency(Duration window) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(SQL)) {
      statement.setLong(1, window.toSeconds());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return new Latency(
            window.toSeconds(), rows.getLong("events"), millis(rows, "p50"), millis(rows, "p99"));
      }
    }
  }

  private static Long millis(ResultSet rows, String column) throws SQLException {
    double seconds = rows.getDouble(column);
    return rows.wasNull() ? null : Math.round(seconds * 1000);
  }
}
