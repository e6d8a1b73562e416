package io.scanflow.reports.store;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.scanflow.contract.ContractJson;
import io.scanflow.contract.RequestRejection;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a site's rejection log from {@code request_rejections} through the reports pool: counts of
 * the last 24 h per status and the newest rows of the 7 days kept. Windows end at the database's
 * clock, like the warnings.
 */
@ApplicationScoped
public class RejectionQueries {
  private static final String SINCE =
      "rejected_at >= clock_timestamp() - make_interval(secs => ?::double precision)";
  private static final String COUNTS =
      "select status, count(*) as rejections from request_rejections where site_id = ? and "
          + SINCE
          + " group by status";
  private static final String RECENT =
      """
      select rejected_at, endpoint, status, event_id, detail::text as detail
      from request_rejections
      where site_id = ? and %s
      order by rejected_at desc, source_partition, source_offset desc
      limit ?
      """
          .formatted(SINCE);

  private final AgroalDataSource dataSource;

  public RejectionQueries(@DataSource(ReadPool.NAME) AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The site's counts of the last 24 h and its newest {@code limit} rejections. */
  public SiteRejections siteRejections(String siteId, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return new SiteRejections(counts(connection, siteId), recent(connection, siteId, limit));
    }
  }

  private static Map<String, Long> counts(Connection connection, String siteId)
      throws SQLException {
    Map<String, Long> counts = new LinkedHashMap<>();
    RequestRejection.STATUSES.forEach(status -> counts.put(status.toString(), 0L));
    try (PreparedStatement statement = connection.prepareStatement(COUNTS)) {
      statement.setString(1, siteId);
      statement.setLong(2, WarningQueries.COUNT_WINDOW.toSeconds());
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.put(Integer.toString(rows.getInt("status")), rows.getLong("rejections"));
        }
      }
    }
    return counts;
  }

  private static List<Rejection> recent(Connection connection, String siteId, int limit)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(RECENT)) {
      statement.setString(1, siteId);
      statement.setLong(2, RejectionRows.RETENTION.toSeconds());
      statement.setInt(3, limit);
      return Jdbc.list(
          statement,
          rows ->
              new Rejection(
                  Jdbc.instant(rows, "rejected_at"),
                  rows.getString("endpoint"),
                  rows.getInt("status"),
                  rows.getString("event_id"),
                  json(rows.getString("detail"))));
    }
  }

  private static JsonNode json(String text) throws SQLException {
    try {
      return ContractJson.mapper().readTree(text);
    } catch (IOException e) {
      throw new SQLException("request_rejections.detail is not JSON", e);
    }
  }
}
