-- A test event (V5, is_test) that waits for its scan session is shown as a test event while pending
-- too. Existing pending rows are real events.
alter table pending_events add column is_test boolean not null default false;
