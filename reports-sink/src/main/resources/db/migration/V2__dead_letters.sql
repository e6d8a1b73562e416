-- Dead letters of every stage (read back from server-events-dlq), so that /api/pipeline can count
-- them and each site sees its own under /api/sites/{site_id}/warnings. Keyed by the position of the
-- record that failed, so a dead letter sent twice (a crash between send and commit) is one row.
-- Only metadata is kept: never the record's bytes or property values.
create table dead_letters (
    stage            text not null,
    source_topic     text not null,
    source_partition integer not null,
    source_offset    bigint not null,
    site_id          text,
    event_id         text,
    error_class      text not null,
    error_message    text not null,
    dead_lettered_at timestamptz not null,
    stored_at        timestamptz not null default clock_timestamp(),
    primary key (stage, source_topic, source_partition, source_offset)
);
create index dead_letters_site_at on dead_letters (site_id, dead_lettered_at desc);
create index dead_letters_at on dead_letters (dead_lettered_at);
