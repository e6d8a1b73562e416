package io.scanflow.reports.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stores the rejection log in {@code request_rejections}, once per topic position. */
final class RejectionRows {
  /** As long as {@code request-rejections} keeps its records. */
  static final Duration RETENTION = Duration.ofDays(7);

  private static final String INSERT =
      """
      insert into request_rejections (source_partition, source_offset, site_id, rejected_at,
          endpoint, status, event_id, detail)
      select source_partition::integer, source_offset::bigint, site_id, rejected_at::timestamptz,
          endpoint, status::integer, event_id, detail::jsonb
      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[])
        as t(source_partition, source_offset, site_id, rejected_at, endpoint, status, event_id,
             detail)
      on conflict (source_partition, source_offset) do nothing
      """;

  private RejectionRows() {}

  static int insert(Connection connection, List<RejectionRow> rows) throws SQLException {
    TextColumns columns = new TextColumns(8);
    for (RejectionRow row : rows) {
      columns.add(
          row.sourcePartition(),
          row.sourceOffset(),
          row.siteId(),
          row.at(),
          row.endpoint(),
          row.status(),
          row.eventId(),
          row.detailJson());
    }
    return ReportWriter.execute(connection, columns, INSERT);
  }

  /** Deletes the rejections older than {@link #RETENTION}; returns how many. */
  static int prune(Connection connection, Instant now) throws SQLException {
    return Jdbc.deleteOlderThan(connection, "request_rejections", "rejected_at", now, RETENTION);
  }
}
