package io.scanflow.reports.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.agroal.DataSource;
import io.scanflow.contract.ContractJson;
import io.scanflow.reports.store.EventTrace.DuplicateTrace;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Single receipts: the newest of a site, and the trace of one event. */
@ApplicationScoped
public class ReceiptQueries {
  private static final String NEWEST =
      """
      select * from (
        (select e.ingest_id, e.event_id, e.event_name, e.received_at, e.event_time, e.stored_at,
                'counted' as status, e.attribution_status, e.unattributed_reason, e.qr_code_id,
                e.campaign, e.scanned_at, e.conversion_amount, e.conversion_currency,
                null::uuid as duplicate_of, e.is_test, null::timestamptz as pending_until
         from event_log e where e.site_id = ? order by e.received_at desc limit ?)
        union all
        (select p.ingest_id, p.event_id, p.event_name, p.received_at, p.event_time, p.stored_at,
                'pending', 'pending', null, null, null, null, p.conversion_amount,
                p.conversion_currency, null, p.is_test, p.pending_until
         from pending_events p where p.site_id = ? order by p.received_at desc limit ?)
        union all
        (select d.ingest_id, d.event_id, d.event_name, d.received_at, d.event_time, d.stored_at,
                'duplicate', e.attribution_status, e.unattributed_reason, e.qr_code_id,
                e.campaign, e.scanned_at, d.conversion_amount, d.conversion_currency,
                d.first_ingest_id, d.is_test, null
         from duplicate_receipts d
         left join event_log e on e.site_id = d.site_id and e.event_id = d.event_id
         where d.site_id = ? order by d.received_at desc limit ?)
      ) receipts
      order by received_at desc, stored_at desc
      limit ?
      """;

  private static final String TRACE =
      """
      select 'stored' as stage, site_id, event_id, event_name, ingest_id, scan_session_id,
             event_time, received_at, deduplicated_at, attributed_at, stored_at,
             attribution_status, unattributed_reason, qr_code_id, campaign, scanned_at,
             conversion_amount, conversion_currency, properties, is_test,
             null::timestamptz as pending_until
      from event_log where site_id = ? and event_id = ?
      union all
      select 'pending', site_id, event_id, event_name, ingest_id, scan_session_id, event_time,
             received_at, deduplicated_at, null, null, 'pending', null, null, null, null,
             conversion_amount, conversion_currency, null, is_test, pending_until
      from pending_events where site_id = ? and event_id = ?
      order by stage desc
      limit 1
      """;

  private final AgroalDataSource dataSource;

  public ReceiptQueries(@DataSource(ReadPool.NAME) AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The newest receipts by time of receipt, duplicates included. */
  public List<Receipt> newest(String siteId, int limit) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(NEWEST)) {
      statement.setString(1, siteId);
      statement.setInt(2, limit);
      statement.setString(3, siteId);
      statement.setInt(4, limit);
      statement.setString(5, siteId);
      statement.setInt(6, limit);
      statement.setInt(7, limit);
      return Jdbc.list(
          statement,
          rows ->
              new Receipt(
                  rows.getObject("ingest_id", UUID.class),
                  rows.getString("event_id"),
                  rows.getString("event_name"),
                  Jdbc.instant(rows, "received_at"),
                  Jdbc.instant(rows, "event_time"),
                  Jdbc.instant(rows, "stored_at"),
                  rows.getString("status"),
                  Jdbc.attribution(rows),
                  Jdbc.money(rows, "conversion_amount", "conversion_currency"),
                  rows.getObject("duplicate_of", UUID.class),
                  rows.getBoolean("is_test"),
                  Jdbc.instant(rows, "pending_until")));
    }
  }

  /**
   * The trace of an event: stored (final, from the event log) or, while it waits for its scan
   * session, pending; empty until one of the two has reached the tables. One statement, so one
   * snapshot: the final record deletes the pending row in the transaction that stores the event.
   */
  public Optional<EventTrace> trace(String siteId, String eventId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(TRACE)) {
      for (int i = 1; i <= 4; i += 2) {
        statement.setString(i, siteId);
        statement.setString(i + 1, eventId);
      }
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        return Optional.of(toTrace(rows, duplicates(connection, siteId, eventId)));
      }
    }
  }

  private static EventTrace toTrace(ResultSet rows, List<DuplicateTrace> duplicates)
      throws SQLException {
    String properties = rows.getString("properties");
    return new EventTrace(
        rows.getString("site_id"),
        rows.getString("event_id"),
        rows.getString("stage"),
        Jdbc.instant(rows, "pending_until"),
        rows.getString("event_name"),
        rows.getObject("ingest_id", UUID.class),
        rows.getString("scan_session_id"),
        Jdbc.instant(rows, "event_time"),
        Jdbc.instant(rows, "received_at"),
        Jdbc.instant(rows, "deduplicated_at"),
        Jdbc.instant(rows, "attributed_at"),
        Jdbc.instant(rows, "stored_at"),
        Jdbc.attribution(rows),
        Jdbc.money(rows, "conversion_amount", "conversion_currency"),
        properties == null ? null : parse(properties),
        duplicates,
        rows.getBoolean("is_test"));
  }

  private static List<DuplicateTrace> duplicates(
      Connection connection, String siteId, String eventId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement(
            "select ingest_id, received_at, deduplicated_at, stored_at from duplicate_receipts"
                + " where site_id = ? and event_id = ? order by received_at, ingest_id")) {
      statement.setString(1, siteId);
      statement.setString(2, eventId);
      return Jdbc.list(
          statement,
          rows ->
              new DuplicateTrace(
                  rows.getObject("ingest_id", UUID.class),
                  Jdbc.instant(rows, "received_at"),
                  Jdbc.instant(rows, "deduplicated_at"),
                  Jdbc.instant(rows, "stored_at")));
    }
  }

  private static com.fasterxml.jackson.databind.JsonNode parse(String json) throws SQLException {
    try {
      return ContractJson.mapper().readTree(json);
    } catch (JsonProcessingException e) {
      throw new SQLException("stored properties are not JSON", e);
    }
  }
}
