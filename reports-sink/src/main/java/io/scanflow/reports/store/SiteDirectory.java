package io.scanflow.reports.store;

import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.scanflow.contract.SiteTimeZone;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Sites as consumed from their compacted topic, for the reports API. */
@ApplicationScoped
public class SiteDirectory {
  private final AgroalDataSource dataSource;

  public SiteDirectory(@DataSource(ReadPool.NAME) AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  public List<SiteView> sites() throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement =
            connection.prepareStatement(
                "select site_id, name, attribution_window_days, created_at, time_zone from sites"
                    + " order by lower(name), site_id");
        ResultSet rows = statement.executeQuery()) {
      List<SiteView> sites = new ArrayList<>();
      while (rows.next()) {
        sites.add(
            new SiteView(
                rows.getString("site_id"),
                rows.getString("name"),
                rows.getInt("attribution_window_days"),
                Jdbc.instant(rows, "created_at"),
                rows.getString("time_zone")));
      }
      return sites;
    }
  }

  /** A site is known once its record or any of its events has reached the tables. */
  public boolean exists(String siteId) throws SQLException {
    return queryOne(
            "select site_id from sites where site_id = ?"
                + " union all (select site_id from event_log where site_id = ? limit 1)"
                + " union all (select site_id from duplicate_receipts where site_id = ? limit 1)",
            siteId,
            siteId,
            siteId)
        .isPresent();
  }

  /** The zone of the site's days: UTC until its record has reached the tables. */
  public ZoneId zoneOf(String siteId) throws SQLException {
    return SiteTimeZone.orUtc(
        queryOne("select time_zone from sites where site_id = ?", siteId).orElse(null));
  }

  private Optional<String> queryOne(String sql, String... parameters) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        statement.setString(i + 1, parameters[i]);
      }
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    }
  }
}
