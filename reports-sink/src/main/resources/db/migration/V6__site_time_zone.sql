-- A site's IANA time zone: daily_aggregates and daily_duplicates count each event under the local
-- date of its event_time in the zone the site had when the event was written. Sites known before
-- this column existed count in UTC, as they always did.
alter table sites add column time_zone text not null default 'UTC';
