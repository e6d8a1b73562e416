-- Report tables of reports-sink. Every write is idempotent: rows are keyed by what makes them
-- unique on the topics, and aggregates are bumped only for rows that were actually inserted.

create table sites (
    site_id                 text primary key,
    name                    text not null,
    attribution_window_days integer not null,
    created_at              timestamptz,
    updated_at              timestamptz not null default clock_timestamp()
);

-- Keyed by the SHA-256 hex of the key, as the api-keys topic; the key itself is never stored.
create table api_keys (
    key_hash   text primary key,
    key_id     text not null,
    site_id    text not null,
    prefix     text,
    created_at timestamptz,
    revoked_at timestamptz
);
create index api_keys_site on api_keys (site_id);

-- One row per unique (counted) event, with its attribution.
create table event_log (
    site_id             text not null,
    event_id            text not null,
    ingest_id           uuid not null,
    event_name          text not null,
    scan_session_id     text,
    event_time          timestamptz not null,
    received_at         timestamptz not null,
    deduplicated_at     timestamptz,
    attributed_at       timestamptz,
    stored_at           timestamptz not null default clock_timestamp(),
    attribution_status  text not null,
    unattributed_reason text,
    qr_code_id          text,
    campaign            text,
    scanned_at          timestamptz,
    conversion_amount   numeric,
    conversion_currency text,
    properties          jsonb,
    primary key (site_id, event_id)
);
create index event_log_site_received on event_log (site_id, received_at desc);
create index event_log_stored on event_log (stored_at);

-- Every later receipt of an already counted event id; never part of any count but "duplicates".
create table duplicate_receipts (
    ingest_id           uuid primary key,
    site_id             text not null,
    event_id            text not null,
    event_name          text not null,
    event_time          timestamptz not null,
    received_at         timestamptz not null,
    deduplicated_at     timestamptz,
    stored_at           timestamptz not null default clock_timestamp(),
    first_ingest_id     uuid,
    first_received_at   timestamptz,
    conversion_amount   numeric,
    conversion_currency text
);
create index duplicate_receipts_site_received on duplicate_receipts (site_id, received_at desc);
create index duplicate_receipts_event on duplicate_receipts (site_id, event_id);

-- Unique events per site, UTC day of event_time, event name, QR code, outcome and currency.
-- '' stands for "none" so that the key columns can be part of the primary key.
create table daily_aggregates (
    site_id             text not null,
    day                 date not null,
    event_name          text not null,
    qr_code_id          text not null default '',
    attribution_status  text not null,
    unattributed_reason text not null default '',
    currency            text not null default '',
    events              bigint not null,
    conversion_value    numeric not null default 0,
    primary key (site_id, day, event_name, qr_code_id, attribution_status, unattributed_reason, currency)
);

-- Duplicate receipts per site and UTC day of their event_time.
create table daily_duplicates (
    site_id    text not null,
    day        date not null,
    duplicates bigint not null,
    primary key (site_id, day)
);
