-- Verifiable announcements: every broadcast carries a code (a keyed hash of its id) that anyone
-- can send back to check it; checks that did not match are kept (masked) as possible scams.
ALTER TABLE broadcasts ADD COLUMN verify_code TEXT;
CREATE UNIQUE INDEX broadcasts_verify_code ON broadcasts (verify_code) WHERE verify_code IS NOT NULL;

CREATE TABLE verify_checks (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  -- 'code' (a code was sent), 'message' (a pasted message), 'phone' (a phone number)
  kind TEXT NOT NULL,
  official INTEGER NOT NULL,
  broadcast_id INTEGER REFERENCES broadcasts(id) ON DELETE SET NULL,
  -- a short snippet with numbers and names masked; never the whole text
  snippet TEXT
);
CREATE INDEX verify_checks_at ON verify_checks (at);

-- Family followers: a reporter hands out a one-time code; whoever enters it follows the case's
-- status notices (details only when the reporter allowed them).
CREATE TABLE follow_codes (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  code_hash TEXT NOT NULL UNIQUE,
  details INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER
);

CREATE TABLE case_followers (
  id INTEGER PRIMARY KEY,
  case_id INTEGER NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  details INTEGER NOT NULL DEFAULT 0,
  added_at INTEGER NOT NULL,
  UNIQUE (case_id, contact_id)
);
CREATE INDEX case_followers_contact ON case_followers (contact_id);

-- Discreet mode (per contact): every bot message starts with a neutral line, case details only
-- after the PIN, and on Telegram the bot can delete its own messages on request.
ALTER TABLE contacts ADD COLUMN discreet INTEGER NOT NULL DEFAULT 0;
