-- Issue 15 (officer workspace), service levels and satisfaction.
-- First response: the first message an officer (chat, dashboard or API) wrote to the reporter
-- (a `message_out` event); an assignment or a status change is not a response.
-- Resolution: the moment the case last entered `resolved` or `closed`; NULL while it is open again.
ALTER TABLE cases ADD COLUMN first_response_at INTEGER;
ALTER TABLE cases ADD COLUMN first_response_by TEXT;          -- the actor of that message (officer:<contact>, dashboard:<account>, api)
ALTER TABLE cases ADD COLUMN resolved_at INTEGER;

-- Backfill from the case history.
UPDATE cases SET
  first_response_at = (SELECT e.at FROM case_events e WHERE e.case_id = cases.id AND e.kind = 'message_out'
                        AND (e.actor LIKE 'officer:%' OR e.actor LIKE 'dashboard:%' OR e.actor = 'api') ORDER BY e.id LIMIT 1),
  first_response_by = (SELECT e.actor FROM case_events e WHERE e.case_id = cases.id AND e.kind = 'message_out'
                        AND (e.actor LIKE 'officer:%' OR e.actor LIKE 'dashboard:%' OR e.actor = 'api') ORDER BY e.id LIMIT 1);
UPDATE cases SET resolved_at = COALESCE(
  (SELECT MIN(e.at) FROM case_events e WHERE e.case_id = cases.id AND e.kind = 'status' AND e.status IN ('resolved', 'closed')
     AND e.id > COALESCE((SELECT MAX(o.id) FROM case_events o WHERE o.case_id = cases.id AND o.kind = 'status'
                            AND o.status NOT IN ('resolved', 'closed')), 0)),
  updated_at)
WHERE status IN ('resolved', 'closed');

-- Kept up to date from the history by every path that writes it (chat, API, dashboard, jobs).
CREATE TRIGGER cases_first_response AFTER INSERT ON case_events
WHEN NEW.kind = 'message_out' AND (NEW.actor LIKE 'officer:%' OR NEW.actor LIKE 'dashboard:%' OR NEW.actor = 'api')
BEGIN
  UPDATE cases SET first_response_at = NEW.at, first_response_by = NEW.actor WHERE id = NEW.case_id AND first_response_at IS NULL;
END;
CREATE TRIGGER cases_resolved AFTER INSERT ON case_events
WHEN NEW.kind = 'status'
BEGIN
  UPDATE cases SET resolved_at = CASE WHEN NEW.status IN ('resolved', 'closed') THEN COALESCE(resolved_at, NEW.at) ELSE NULL END
  WHERE id = NEW.case_id;
END;
CREATE INDEX cases_first_response ON cases (first_response_at) WHERE first_response_at IS NOT NULL;
CREATE INDEX cases_resolved ON cases (resolved_at) WHERE resolved_at IS NOT NULL;

-- Satisfaction: one question per closed case and person asked (the reporter; for an anonymous
-- report only a chat that follows the case). `pending` waits until the person's conversation is
-- free; `asked` waits for the answer; `answered` has a score (and maybe a comment); `skipped`
-- said no; `expired` was never asked in time.
CREATE TABLE satisfaction_surveys (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'asked', 'answered', 'skipped', 'expired')),
  score INTEGER CHECK (score BETWEEN 1 AND 5),
  comment TEXT,                             -- erased with the case or the contact's data
  closed_at INTEGER NOT NULL,
  asked_at INTEGER,
  answered_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (case_id, contact_id)
);
CREATE INDEX satisfaction_pending ON satisfaction_surveys (state) WHERE state = 'pending';
CREATE INDEX satisfaction_answered ON satisfaction_surveys (answered_at) WHERE answered_at IS NOT NULL;
