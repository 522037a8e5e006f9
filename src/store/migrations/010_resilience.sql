-- Per-contact flood limit: one fixed window per contact (persisted, so a restart does not reset it
-- and the decision commits in the same transaction that marks the message seen).
CREATE TABLE rate_windows (
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  window_start INTEGER NOT NULL,       -- ms since epoch
  count INTEGER NOT NULL,              -- messages counted in this window
  noticed INTEGER NOT NULL DEFAULT 0   -- 1 once the slow-down notice was queued in this window
);

-- Closed cases whose personal fields were erased by the retention job (see scheduler/retention.ts).
CREATE INDEX cases_closed_retention ON cases (status, updated_at) WHERE erased_at IS NULL;
