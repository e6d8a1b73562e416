package io.scanflow.reports.store;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.IngestedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Keeps {@code pending_events}: one row per event waiting for its scan session, never counted. Runs
 * after {@link EventRows} in the same transaction, so that an event is in exactly one of the two
 * tables whatever order its pending and final records come in.
 */
final class PendingRows {
  /** The final records of a batch supersede their events' pending rows. */
  private static final String DELETE_SUPERSEDED =
      """
      delete from pending_events p
      using unnest(?::text[], ?::text[]) as t(site_id, event_id)
      where p.site_id = t.site_id and p.event_id = t.event_id
      """;

  /*
   * Upserts the last pending record per event in the batch (one upsert may not touch a row twice),
   * in key order (no deadlocks between sink instances), unless the event is already stored: a
   * pending record redelivered or replayed after its final one changes nothing.
   */
  private static final String UPSERT =
      """
      insert into pending_events (site_id, event_id, ingest_id, event_name, scan_session_id,
          event_time, received_at, deduplicated_at, pending_since, pending_until,
          conversion_amount, conversion_currency, is_test)
      select distinct on (site_id, event_id) site_id, event_id, ingest_id::uuid, event_name,
          scan_session_id, event_time::timestamptz, received_at::timestamptz,
          deduplicated_at::timestamptz, pending_since::timestamptz, pending_until::timestamptz,
          conversion_amount::numeric, conversion_currency, is_test::boolean
      from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                  ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[]) with ordinality
        as t(site_id, event_id, ingest_id, event_name, scan_session_id, event_time, received_at,
             deduplicated_at, pending_since, pending_until, conversion_amount,
             conversion_currency, is_test, position)
      where not exists (
        select 1 from event_log e where e.site_id = t.site_id and e.event_id = t.event_id)
      order by site_id, event_id, position desc
      on conflict (site_id, event_id) do update set ingest_id = excluded.ingest_id,
          event_name = excluded.event_name, scan_session_id = excluded.scan_session_id,
          event_time = excluded.event_time, received_at = excluded.received_at,
          deduplicated_at = excluded.deduplicated_at, pending_since = excluded.pending_since,
          pending_until = excluded.pending_until, conversion_amount = excluded.conversion_amount,
          conversion_currency = excluded.conversion_currency, is_test = excluded.is_test
      """;

  private PendingRows() {}

  static void deleteSuperseded(Connection connection, List<CountedEvent> finals)
      throws SQLException {
    TextColumns keys = new TextColumns(2);
    for (CountedEvent counted : finals) {
      keys.add(counted.event().event().siteId(), counted.event().event().eventId());
    }
    ReportWriter.execute(connection, keys, DELETE_SUPERSEDED);
  }

  static void upsert(Connection connection, List<PendingEvent> pending) throws SQLException {
    TextColumns columns = new TextColumns(13);
    for (PendingEvent row : pending) {
      AttributedEvent attributed = row.event();
      IngestedEvent event = attributed.event();
      ConversionValue value = event.conversionValue();
      columns.add(
          EventRows.attributedRow(
              attributed,
              row.deduplicatedAt(),
              attributed.attribution().pendingUntil(),
              ConversionColumns.amount(value),
              ConversionColumns.currency(value),
              event.test()));
    }
    ReportWriter.execute(connection, columns, UPSERT);
  }
}
