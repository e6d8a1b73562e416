package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.IngestedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts duplicate receipts (keyed by ingest id) and bumps {@code daily_duplicates}; a resent test
 * event is itself marked test and never counted as a duplicate either.
 */
final class DuplicateRows {
  private static final String SQL =
      """
      with incoming as (
        select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[])
          as t(ingest_id, site_id, event_id, event_name, event_time, received_at,
               deduplicated_at, first_ingest_id, first_received_at, conversion_amount,
               conversion_currency, is_test)
      ), inserted as (
        insert into duplicate_receipts (ingest_id, site_id, event_id, event_name, event_time,
            received_at, deduplicated_at, first_ingest_id, first_received_at, conversion_amount,
            conversion_currency, is_test)
        select ingest_id::uuid, site_id, event_id, event_name, event_time::timestamptz,
            received_at::timestamptz, deduplicated_at::timestamptz, first_ingest_id::uuid,
            first_received_at::timestamptz, conversion_amount::numeric, conversion_currency,
            is_test::boolean
        from incoming
        on conflict (ingest_id) do nothing
        returning site_id, event_time, is_test
      ), bumped as (
        insert into daily_duplicates (site_id, day, duplicates)
        select site_id, (event_time at time zone 'UTC')::date, count(*)
        from inserted
        where not is_test
        group by 1, 2
        order by 1, 2
        on conflict (site_id, day)
        do update set duplicates = daily_duplicates.duplicates + excluded.duplicates
      )
      select count(*) from inserted
      """;

  private DuplicateRows() {}

  static int insert(Connection connection, List<DuplicateReceipt> duplicates) throws SQLException {
    TextColumns columns = new TextColumns(12);
    for (DuplicateReceipt receipt : duplicates) {
      IngestedEvent event = receipt.event().event();
      ConversionValue value = event.conversionValue();
      columns.add(
          event.ingestId(),
          event.siteId(),
          event.eventId(),
          event.eventName(),
          event.eventTime() != null ? event.eventTime() : event.receivedAt(),
          event.receivedAt(),
          receipt.deduplicatedAt(),
          receipt.event().firstIngestId(),
          receipt.event().firstReceivedAt(),
          value == null ? null : NumericText.of(value.amount()),
          value == null ? null : value.currency(),
          event.test());
    }
    return ReportWriter.execute(connection, columns, SQL);
  }
}
