-- Test events (http-api.md §2, "test": true) are stored and traced like any other event but never
-- counted: the aggregate bumps in the sink skip rows marked here. Existing rows are real events.
alter table event_log add column is_test boolean not null default false;
alter table duplicate_receipts add column is_test boolean not null default false;
