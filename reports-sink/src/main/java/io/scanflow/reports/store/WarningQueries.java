package io.scanflow.reports.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the {@code dead_letters} table: counts per stage for {@code /api/pipeline}, and a site's
 * own for its warnings (pipeline.md section 4). Windows end at the database's clock.
 */
@ApplicationScoped
public class WarningQueries {
  /** The window of every "last 24 h" count. */
  public static final Duration COUNT_WINDOW = Duration.ofHours(24);

  /** How far back a site's warnings list goes. */
  public static final Duration RECENT_WINDOW = Duration.ofDays(7);

  private static final String SINCE =
      "dead_lettered_at >= clock_timestamp() - make_interval(secs => ?::double precision)";
  private static final String BY_STAGE =
      "select stage, count(*) as dead_letters from dead_letters where " + SINCE + " group by stage";
  private static final String SITE_COUNT =
      "select count(*) as dead_letters from dead_letters where site_id = ? and " + SINCE;
  private static final String SITE_RECENT =
      """
      select dead_lettered_at, stage, error_class, error_message, event_id
      from dead_letters
      where site_id = ? and %s
      order by dead_lettered_at desc, source_topic, source_partition, source_offset desc
      limit ?
      """
          .formatted(SINCE);

  private final AgroalDataSource dataSource;

  public WarningQueries(@DataSource(ReadPool.NAME) AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Dead letters of the last 24 h by stage name; a stage without any is absent. */
  public Map<String, Long> deadLettersByStage() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(BY_STAGE)) {
      statement.setLong(1, COUNT_WINDOW.toSeconds());
      Map<String, Long> counts = new HashMap<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          counts.put(rows.getString("stage"), rows.getLong("dead_letters"));
        }
      }
      return counts;
    }
  }

  /** The site's count of the last 24 h and its newest {@code limit} of the last 7 days. */
  public SiteWarnings siteWarnings(String siteId, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      return new SiteWarnings(count(connection, siteId), recent(connection, siteId, limit));
    }
  }

  private static long count(Connection connection, String siteId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SITE_COUNT)) {
      statement.setString(1, siteId);
      statement.setLong(2, COUNT_WINDOW.toSeconds());
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong("dead_letters");
      }
    }
  }

  private static List<Warning> recent(Connection connection, String siteId, int limit)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(SITE_RECENT)) {
      statement.setString(1, siteId);
      statement.setLong(2, RECENT_WINDOW.toSeconds());
      statement.setInt(3, limit);
      return Jdbc.list(
          statement,
          rows ->
              new Warning(
                  Jdbc.instant(rows, "dead_lettered_at"),
                  rows.getString("stage"),
                  rows.getString("error_class"),
                  rows.getString("error_message"),
                  rows.getString("event_id")));
    }
  }
}
