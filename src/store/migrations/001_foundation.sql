-- Contacts: one row per chat on one channel.
CREATE TABLE contacts (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  language TEXT,                       -- NULL until the user chose one
  role TEXT NOT NULL DEFAULT 'user',   -- 'user' | 'officer'
  audience TEXT,                       -- 'worker' | 'family' | NULL (unknown)
  country TEXT,                        -- destination country code, when given
  subscribed INTEGER,                  -- NULL: not asked yet, 1: yes, 0: opted out
  consent_at INTEGER,                  -- ms since epoch; consent to store a report
  unreachable_at INTEGER,              -- set when the platform says the user blocked us
  last_inbound_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (channel, chat_id)
);

-- Conversation position per contact (versioned JSON, migrates on read).
CREATE TABLE sessions (
  contact_id INTEGER PRIMARY KEY REFERENCES contacts(id) ON DELETE CASCADE,
  state TEXT NOT NULL,
  version INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Platform message ids already handled (idempotent intake).
CREATE TABLE inbound_seen (
  channel TEXT NOT NULL,
  platform_id TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (channel, platform_id)
) WITHOUT ROWID;
CREATE INDEX inbound_seen_time ON inbound_seen (seen_at);

-- Everything we send: committed with the turn, delivered by the dispatcher.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  channel TEXT NOT NULL,
  chat_id TEXT NOT NULL,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  payload TEXT NOT NULL,               -- JSON Outbound
  priority INTEGER NOT NULL DEFAULT 0, -- 0 live reply, 1 urgent broadcast, 2 broadcast
  state TEXT NOT NULL DEFAULT 'pending', -- pending | sending | sent | failed | skipped | cancelled
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  broadcast_id INTEGER,
  last_error TEXT,
  platform_message_id TEXT,
  delivery_status TEXT,                -- platform status callbacks: sent, delivered, read, failed
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX outbox_due ON outbox (state, priority, id);
CREATE INDEX outbox_chat ON outbox (channel, chat_id, state, priority, id);
CREATE INDEX outbox_broadcast ON outbox (broadcast_id, state) WHERE broadcast_id IS NOT NULL;
CREATE INDEX outbox_platform_id ON outbox (channel, platform_message_id) WHERE platform_message_id IS NOT NULL;

-- Append-only record of officer actions, refusals and data requests.
CREATE TABLE audit (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,                 -- 'contact:12', 'officer:3', 'api', 'system'
  action TEXT NOT NULL,
  subject TEXT,
  detail TEXT
);
CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;

-- Small settings and markers (e.g. agency register metadata).
CREATE TABLE kv (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
