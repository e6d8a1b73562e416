-- The rejection log (http-api.md section 10): what ingest-api refused to a site's API keys, read
-- from request-rejections. Keyed by the record's position, so a redelivered record is one row.
-- Never the request body or a property value: detail holds the answer's message or problem list.
create table request_rejections (
    source_partition integer not null,
    source_offset    bigint not null,
    site_id          text not null,
    rejected_at      timestamptz not null,
    endpoint         text not null,
    status           integer not null,
    event_id         text,
    detail           jsonb not null,
    stored_at        timestamptz not null default clock_timestamp(),
    primary key (source_partition, source_offset)
);
create index request_rejections_site_at on request_rejections (site_id, rejected_at desc);
create index request_rejections_at on request_rejections (rejected_at);
