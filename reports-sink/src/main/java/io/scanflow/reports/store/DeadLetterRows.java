package io.scanflow.reports.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** Stores dead-letter metadata in {@code dead_letters}, once per stage and source position. */
final class DeadLetterRows {
  /** As long as {@code server-events-dlq} keeps its records. */
  static final Duration RETENTION = Duration.ofDays(30);

  private static final String INSERT =
      """
      insert into dead_letters (stage, source_topic, source_partition, source_offset, site_id,
          event_id, error_class, error_message, dead_lettered_at)
      select stage, source_topic, source_partition::integer, source_offset::bigint, site_id,
          event_id, error_class, error_message, dead_lettered_at::timestamptz
      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::text[])
        as t(stage, source_topic, source_partition, source_offset, site_id, event_id,
             error_class, error_message, dead_lettered_at)
      on conflict (stage, source_topic, source_partition, source_offset) do nothing
      """;

  private DeadLetterRows() {}

  static int insert(Connection connection, List<DeadLetterRow> rows) throws SQLException {
    TextColumns columns = new TextColumns(9);
    for (DeadLetterRow row : rows) {
      columns.add(
          row.stage(),
          row.sourceTopic(),
          row.sourcePartition(),
          row.sourceOffset(),
          row.siteId(),
          row.eventId(),
          row.errorClass(),
          row.errorMessage(),
          row.deadLetteredAt());
    }
    return ReportWriter.execute(connection, columns, INSERT);
  }

  /** Deletes the rows of dead letters older than {@link #RETENTION}; returns how many. */
  static int prune(Connection connection, Instant now) throws SQLException {
    return Jdbc.deleteOlderThan(connection, "dead_letters", "dead_lettered_at", now, RETENTION);
  }
}
