-- Events still waiting for their scan session in attribution-stream (attribution.status "pending"
-- on server-events-attributed). Shown in the live list and the trace, never part of any count:
-- the aggregates are fed from event_log only. The event's final record deletes its row here in the
-- transaction that inserts it into event_log, and a pending record of an event already in event_log
-- (a redelivery, a replay) is never stored, so an event is either pending here or stored there.
create table pending_events (
    site_id             text not null,
    event_id            text not null,
    ingest_id           uuid not null,
    event_name          text not null,
    scan_session_id     text,
    event_time          timestamptz not null,
    received_at         timestamptz not null,
    deduplicated_at     timestamptz,
    pending_since       timestamptz,
    pending_until       timestamptz,
    stored_at           timestamptz not null default clock_timestamp(),
    conversion_amount   numeric,
    conversion_currency text,
    primary key (site_id, event_id)
);
create index pending_events_site_received on pending_events (site_id, received_at desc);
