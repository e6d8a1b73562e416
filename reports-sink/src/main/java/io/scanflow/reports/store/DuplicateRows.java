package io.scanflow.reports.store;

import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.IngestedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Inserts duplicate receipts (keyed by ingest id) and bumps {@code daily_duplicates}, by the site's
 * local date of event_time ({@link SiteZones}); a resent test event is itself marked test and never
 * counted as a duplicate either.
 */
final class DuplicateRows {
  private static final String SQL =
      """
      with incoming as (
        select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[])
          as t(ingest_id, site_id, event_id, event_name, event_time, received_at,
               deduplicated_at, first_ingest_id, first_received_at, conversion_amount,
               conversion_currency, is_test, day)
      ), days as (
        select distinct site_id, event_time::timestamptz as event_time, day::date as day
        from incoming
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
        select i.site_id, d.day, count(*)
        from inserted i
        join days d on d.site_id = i.site_id and d.event_time = i.event_time
        where not i.is_test
        group by 1, 2
        order by 1, 2
        on conflict (site_id, day)
        do update set duplicates = daily_duplicates.duplicates + excluded.duplicates
      )
      select count(*) from inserted
      """;

  private DuplicateRows() {}

  static int insert(Connection connection, List<DuplicateReceipt> duplicates, SiteZones zones)
      throws SQLException {
    TextColumns columns = new TextColumns(13);
    for (DuplicateReceipt receipt : duplicates) {
      IngestedEvent event = receipt.event().event();
      ConversionValue value = event.conversionValue();
      columns.add(
          event.ingestId(),
          event.siteId(),
          event.eventId(),
          event.eventName(),
          event.eventTime(),
          event.receivedAt(),
          receipt.deduplicatedAt(),
          receipt.event().firstIngestId(),
          receipt.event().firstReceivedAt(),
          ConversionColumns.amount(value),
          ConversionColumns.currency(value),
          event.test(),
          zones.dayOf(event.siteId(), event.eventTime()));
    }
    return ReportWriter.execute(connection, columns, SQL);
  }
}
