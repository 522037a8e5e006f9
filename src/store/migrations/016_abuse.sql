-- Abuse-proofing (issue 16).

-- Wrong PINs are also counted per case reference (across every chat and channel) and per client
-- address (web chat), so fresh anonymous identities do not give fresh tries.
ALTER TABLE pin_attempts ADD COLUMN ref TEXT;
ALTER TABLE pin_attempts ADD COLUMN address TEXT;
CREATE INDEX pin_attempts_ref ON pin_attempts (ref, at) WHERE ref IS NOT NULL;
CREATE INDEX pin_attempts_address ON pin_attempts (address, at) WHERE address IS NOT NULL;

-- A reference that was guessed at is locked; each new lock lasts twice as long as the last one.
CREATE TABLE pin_locks (
  ref TEXT PRIMARY KEY,
  level INTEGER NOT NULL,              -- locks so far (the next one lasts 2^level hours)
  locked_until INTEGER NOT NULL,       -- ms since epoch
  last_wrong_at INTEGER NOT NULL       -- the level is forgotten after a long quiet time
);

-- Repeated identical audit rows (1,000 wrong API tokens) are written once and counted here.
CREATE TABLE audit_repeats (
  audit_id INTEGER PRIMARY KEY REFERENCES audit(id),
  repeats INTEGER NOT NULL,            -- further identical events after the audit row
  last_at INTEGER NOT NULL
);

-- Urgent alerts held back during a flood of alerts from new anonymous contacts; sent grouped.
CREATE TABLE held_alerts (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  contact_id INTEGER,
  channel TEXT NOT NULL,
  country TEXT,
  kind TEXT NOT NULL,                  -- 'sos' | 'words' | 'category'
  sent_at INTEGER
);
CREATE INDEX held_alerts_unsent ON held_alerts (sent_at, at);

-- Cookie and PIN secrets live in DATA_DIR/secrets, never in the database (or its backups).
DELETE FROM kv WHERE key LIKE 'secret.%';

-- Finding the previous identical audit row quickly (collapsing repeats).
CREATE INDEX audit_action_at ON audit (action, at);

-- API tokens of officer accounts (the admin token in the environment stays for automation), so the
-- audit says who; only a SHA-256 of each token is kept.
CREATE TABLE officer_api_tokens (
  id INTEGER PRIMARY KEY,
  officer_id INTEGER NOT NULL REFERENCES officers(id) ON DELETE CASCADE,
  token_sha256 TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);

-- A register upload waiting for an admin's confirmation (dashboard preview).
CREATE TABLE agency_import_drafts (
  id INTEGER PRIMARY KEY,
  officer_id INTEGER NOT NULL,
  csv TEXT NOT NULL,
  label TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
