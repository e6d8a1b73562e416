package io.scanflow.reports.store;

import io.agroal.api.AgroalDataSource;
import io.scanflow.contract.ApiKey;
import io.scanflow.contract.TrackingSite;
import io.scanflow.contract.registry.KeyRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Writes one {@link ReportBatch} in one transaction. Idempotent: rows are inserted only if absent
 * and the daily aggregates grow only by the rows that were actually inserted, in the same
 * statement, so a redelivered or replayed record never changes a count.
 */
@ApplicationScoped
public class ReportWriter {
  private final AgroalDataSource dataSource;
  private final KeyRegistry registry;
  private final RetentionPruning pruning = new RetentionPruning();

  public ReportWriter(AgroalDataSource dataSource, KeyRegistry registry) {
    this.dataSource = dataSource;
    this.registry = registry;
  }

  /**
   * Writes the batch and commits; throws (and rolls back) on any database error, and on a value
   * that cannot be written (an {@link IllegalArgumentException}).
   */
  public WriteResult write(ReportBatch batch) throws SQLException {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        writeSites(connection, batch.sites());
        writeApiKeys(connection, batch.apiKeys());
        SiteZones zones = SiteZones.load(connection, batch.siteIdsOfEvents(), this::followedZone);
        int events = EventRows.insert(connection, batch.events(), zones);
        PendingRows.deleteSuperseded(connection, batch.events());
        PendingRows.upsert(connection, batch.pending());
        int duplicates = DuplicateRows.insert(connection, batch.duplicates(), zones);
        DeadLetterRows.insert(connection, batch.deadLetters());
        RejectionRows.insert(connection, batch.rejections());
        connection.commit();
        pruning.runIfDue(connection, Instant.now());
        return new WriteResult(events, duplicates);
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(connection, e);
        throw e;
      }
    }
  }

  private static void writeSites(Connection connection, Map<String, Optional<TrackingSite>> sites)
      throws SQLException {
    upsertOrDelete(
        connection,
        sites,
        (siteId, site) ->
            new Object[] {
              siteId,
              site.name() == null ? siteId : site.name(),
              site.attributionWindowDays() > 0
                  ? site.attributionWindowDays()
                  : TrackingSite.DEFAULT_ATTRIBUTION_WINDOW_DAYS,
              site.createdAt(),
              site.zone().getId()
            },
        5,
        """
        insert into sites (site_id, name, attribution_window_days, created_at, time_zone)
        select site_id, name, window_days::integer, created_at::timestamptz, time_zone
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
          as t(site_id, name, window_days, created_at, time_zone)
        on conflict (site_id) do update set name = excluded.name,
          attribution_window_days = excluded.attribution_window_days,
          created_at = excluded.created_at, time_zone = excluded.time_zone,
          updated_at = clock_timestamp()
        """,
        "delete from sites where site_id = any(?::text[])");
  }

  private static void writeApiKeys(Connection connection, Map<String, Optional<ApiKey>> keys)
      throws SQLException {
    upsertOrDelete(
        connection,
        keys,
        (hash, key) ->
            new Object[] {
              hash, key.keyId(), key.siteId(), key.prefix(), key.createdAt(), key.revokedAt()
            },
        6,
        """
        insert into api_keys (key_hash, key_id, site_id, prefix, created_at, revoked_at)
        select key_hash, key_id, site_id, prefix, created_at::timestamptz, revoked_at::timestamptz
        from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
          as t(key_hash, key_id, site_id, prefix, created_at, revoked_at)
        on conflict (key_hash) do update set key_id = excluded.key_id,
          site_id = excluded.site_id, prefix = excluded.prefix,
          created_at = excluded.created_at, revoked_at = excluded.revoked_at
        """,
        "delete from api_keys where key_hash = any(?::text[])");
  }

  /**
   * Applies the last record per key of a compacted topic to its table: a value upserts its row
   * ({@code width} columns, the key first), a tombstone (empty) deletes the row of its key.
   */
  private static <T> void upsertOrDelete(
      Connection connection,
      Map<String, Optional<T>> lastPerKey,
      BiFunction<String, T, Object[]> row,
      int width,
      String upsertSql,
      String deleteSql)
      throws SQLException {
    TextColumns upserts = new TextColumns(width);
    List<String> deletes = new ArrayList<>();
    lastPerKey.forEach(
        (key, value) ->
            value.ifPresentOrElse(v -> upserts.add(row.apply(key, v)), () -> deletes.add(key)));
    execute(connection, upserts, upsertSql);
    deleteKeys(connection, deleteSql, deletes);
  }

  /**
   * The zone of a site whose record has not reached the sites table yet (the sink reads its topics
   * side by side, and after a replay events may come first): as this instance's registry, which
   * follows {@code tracking-sites} on its own, last saw it.
   */
  private Optional<String> followedZone(String siteId) {
    return registry.site(siteId).map(TrackingSite::timeZone);
  }

  /** Runs a statement over the columns unless there are no rows; returns its first result. */
  static int execute(Connection connection, TextColumns columns, String sql) throws SQLException {
    if (columns.isEmpty()) {
      return 0;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      columns.bind(connection, statement);
      if (!statement.execute()) {
        return statement.getUpdateCount();
      }
      try (ResultSet rows = statement.getResultSet()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }
  }

  private static void deleteKeys(Connection connection, String sql, List<String> keys)
      throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    try (PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setArray(1, connection.createArrayOf("text", keys.toArray(String[]::new)));
      statement.executeUpdate();
    }
  }

  private static void rollbackQuietly(Connection connection, Exception cause) {
    try {
      connection.rollback();
    } catch (SQLException rollbackFailure) {
      cause.addSuppressed(rollbackFailure);
    }
  }
}
