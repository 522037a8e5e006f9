-- Cases: complaints from workers/families and assistance requests (same reference, statuses, officers).
CREATE TABLE cases (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,                 -- CASE_PREFIX-YYMM-NNNN
  kind TEXT NOT NULL DEFAULT 'complaint' CHECK (kind IN ('complaint', 'assistance')),
  reporter_contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL, -- NULL: anonymous or erased
  anonymous INTEGER NOT NULL DEFAULT 0,
  on_behalf TEXT NOT NULL DEFAULT 'self',   -- 'self' (the worker) | 'family'
  category TEXT NOT NULL,                   -- complaint category id (or the assistance program id)
  country TEXT,                             -- country code from data/countries.json, or 'OTHER'
  country_text TEXT,                        -- typed country name when 'OTHER'
  city TEXT,
  worker_name TEXT,
  agency_text TEXT,                         -- employer or agency as typed
  description TEXT,
  details TEXT,                             -- JSON with kind-specific fields (assistance)
  contact_pref TEXT,                        -- 'any' | 'safe_time' | 'none'
  safe_time TEXT,
  language TEXT,                            -- reporter's language at creation
  status TEXT NOT NULL DEFAULT 'new'
    CHECK (status IN ('new', 'in_progress', 'waiting', 'referred', 'resolved', 'closed')),
  urgent INTEGER NOT NULL DEFAULT 0,
  urgent_reason TEXT,                       -- 'category' | 'sos' | 'words'
  assignee_contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  pin_hash TEXT,                            -- scrypt; NULL after erasure
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  first_action_at INTEGER,                  -- first officer reply/status/assignment: stops escalation
  last_escalated_at INTEGER,
  escalations INTEGER NOT NULL DEFAULT 0,
  erased_at INTEGER                         -- personal fields erased on the reporter's request
);
CREATE INDEX cases_reporter ON cases (reporter_contact_id, created_at);
CREATE INDEX cases_open ON cases (status, urgent, created_at);

-- Per-month sequence for references, allocated inside the creating transaction.
CREATE TABLE case_ref_counters (
  month TEXT PRIMARY KEY,                   -- YYMM in HOME_TIMEZONE
  last INTEGER NOT NULL
);

-- Append-only history of a case: who did what when. Only `text` may be erased (set to NULL).
CREATE TABLE case_events (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,                      -- 'reporter', 'officer:<contact id>', 'api', 'system'
  kind TEXT NOT NULL,                       -- created, message_in, message_out, status, assigned, attachment, escalated, urgent, erased
  status TEXT,                              -- the new status for kind = 'status'
  text TEXT,                                -- free text (message, note); erased on request
  attachment_id INTEGER
);
CREATE INDEX case_events_case ON case_events (case_id, id);
CREATE TRIGGER case_events_no_delete BEFORE DELETE ON case_events
BEGIN SELECT RAISE(ABORT, 'case_events is append-only'); END;
CREATE TRIGGER case_events_erase_only BEFORE UPDATE ON case_events
WHEN NEW.text IS NOT NULL OR NEW.case_id IS NOT OLD.case_id OR NEW.at IS NOT OLD.at OR NEW.actor IS NOT OLD.actor
  OR NEW.kind IS NOT OLD.kind OR NEW.status IS NOT OLD.status OR NEW.attachment_id IS NOT OLD.attachment_id
BEGIN SELECT RAISE(ABORT, 'case_events is append-only (only text may be erased)'); END;

-- Evidence files. A row is written in the turn (descriptor only); a worker downloads after commit.
CREATE TABLE attachments (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id),
  channel TEXT NOT NULL,
  platform_ref TEXT,                        -- channel handle for fetchMedia; NULL once stored
  kind TEXT NOT NULL,
  file_name TEXT,
  mime TEXT,
  size INTEGER,
  sha256 TEXT,
  path TEXT,                                -- under DATA_DIR/media/<case ref>/
  state TEXT NOT NULL DEFAULT 'pending',    -- pending | stored | too_large | unsupported | failed | erased
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  stored_at INTEGER
);
CREATE INDEX attachments_case ON attachments (case_id);
CREATE INDEX attachments_pending ON attachments (state, next_attempt_at) WHERE state = 'pending';

-- Wrong PINs per chat, to limit guessing (persisted so a restart does not reset the limit).
CREATE TABLE pin_attempts (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX pin_attempts_chat ON pin_attempts (channel, chat_id, at);
