package io.scanflow.reports.store;

import io.scanflow.contract.AttributedEvent;
import io.scanflow.contract.Attribution;
import io.scanflow.contract.ConversionValue;
import io.scanflow.contract.IngestedEvent;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Inserts counted events into {@code event_log} and bumps {@code daily_aggregates} for them; a test
 * event is stored (marked {@code is_test}) but never aggregated.
 */
final class EventRows {
  /*
   * One statement: insert what is absent, and aggregate exactly the rows the insert returned. The
   * aggregate rows are written in key order so that concurrent sink instances lock them in the
   * same order (no deadlocks). The day of each row comes with it ({@link SiteZones}): the site's
   * local date of event_time, one per (site, event_time), so joining it adds no row.
   */
  private static final String SQL =
      """
      with incoming as (
        select * from unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                             ?::text[])
          as t(site_id, event_id, ingest_id, event_name, scan_session_id, event_time, received_at,
               deduplicated_at, attributed_at, attribution_status, unattributed_reason,
               qr_code_id, campaign, scanned_at, conversion_amount, conversion_currency,
               properties, is_test, day)
      ), days as (
        select distinct site_id, event_time::timestamptz as event_time, day::date as day
        from incoming
      ), inserted as (
        insert into event_log (site_id, event_id, ingest_id, event_name, scan_session_id,
            event_time, received_at, deduplicated_at, attributed_at, attribution_status,
            unattributed_reason, qr_code_id, campaign, scanned_at, conversion_amount,
            conversion_currency, properties, is_test)
        select site_id, event_id, ingest_id::uuid, event_name, scan_session_id,
            event_time::timestamptz, received_at::timestamptz, deduplicated_at::timestamptz,
            attributed_at::timestamptz, attribution_status, unattributed_reason, qr_code_id,
            campaign, scanned_at::timestamptz, conversion_amount::numeric, conversion_currency,
            properties::jsonb, is_test::boolean
        from incoming
        on conflict (site_id, event_id) do nothing
        returning site_id, event_time, event_name, qr_code_id, attribution_status,
            unattributed_reason, conversion_amount, conversion_currency, is_test
      ), bumped as (
        insert into daily_aggregates (site_id, day, event_name, qr_code_id, attribution_status,
            unattributed_reason, currency, events, conversion_value)
        select i.site_id, d.day, i.event_name,
            coalesce(i.qr_code_id, ''), i.attribution_status, coalesce(i.unattributed_reason, ''),
            coalesce(i.conversion_currency, ''), count(*), coalesce(sum(i.conversion_amount), 0)
        from inserted i
        join days d on d.site_id = i.site_id and d.event_time = i.event_time
        where not i.is_test
        group by 1, 2, 3, 4, 5, 6, 7
        order by 1, 2, 3, 4, 5, 6, 7
        on conflict (site_id, day, event_name, qr_code_id, attribution_status,
            unattributed_reason, currency)
        do update set events = daily_aggregates.events + excluded.events,
            conversion_value = daily_aggregates.conversion_value + excluded.conversion_value
      )
      select count(*) from inserted
      """;

  private EventRows() {}

  static int insert(Connection connection, List<CountedEvent> events, SiteZones zones)
      throws SQLException {
    TextColumns columns = new TextColumns(19);
    for (CountedEvent counted : events) {
      AttributedEvent attributed = counted.event();
      IngestedEvent event = attributed.event();
      Attribution attribution = attributed.attribution();
      ConversionValue value = event.conversionValue();
      columns.add(
          attributedRow(
              attributed,
              counted.deduplicatedAt(),
              attribution.status().wireName(),
              attribution.reason() == null ? null : attribution.reason().wireName(),
              attribution.qrCodeId(),
              attribution.campaign(),
              attribution.scannedAt(),
              ConversionColumns.amount(value),
              ConversionColumns.currency(value),
              event.properties() == null ? null : event.properties().toString(),
              event.test(),
              zones.dayOf(event.siteId(), event.eventTime())));
    }
    return ReportWriter.execute(connection, columns, SQL);
  }

  /**
   * A row of {@code event_log} or {@code pending_events}: the columns both tables start with
   * ({@code site_id} to {@code attributed_at}, called {@code pending_since} in the second), then
   * {@code rest}.
   */
  static Object[] attributedRow(
      AttributedEvent attributed, Instant deduplicatedAt, Object... rest) {
    IngestedEvent event = attributed.event();
    Object[] first = {
      event.siteId(),
      event.eventId(),
      event.ingestId(),
      event.eventName(),
      event.scanSessionId(),
      event.eventTime(),
      event.receivedAt(),
      deduplicatedAt,
      attributed.attributedAt()
    };
    Object[] row = Arrays.copyOf(first, first.length + rest.length);
    System.arraycopy(rest, 0, row, first.length, rest.length);
    return row;
  }
}
