-- Web chat: what each anonymous browser contact sent and received, so a reload shows the conversation.
CREATE TABLE webchat_messages (
  id INTEGER PRIMARY KEY,
  chat_id TEXT NOT NULL,               -- the random id in the visitor's signed cookie
  direction TEXT NOT NULL,             -- 'in' (typed or tapped by the visitor) | 'out' (sent by the bot)
  text TEXT NOT NULL,
  choices TEXT,                        -- JSON Choice[] for 'out' messages with buttons
  client_id TEXT,                      -- browser-generated message id ('in' only): a double submit is stored once
  created_at INTEGER NOT NULL
);
CREATE INDEX webchat_messages_chat ON webchat_messages (chat_id, id);
CREATE UNIQUE INDEX webchat_messages_client ON webchat_messages (chat_id, client_id) WHERE client_id IS NOT NULL;

-- Officer accounts for the dashboard (`npm run add-officer`).
CREATE TABLE officers (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL UNIQUE COLLATE NOCASE,
  password_hash TEXT NOT NULL,         -- scrypt$N$r$p$salt$hash (base64url)
  role TEXT NOT NULL DEFAULT 'officer', -- 'admin' | 'officer'
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL, -- the officer's own chat, if linked
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  disabled_at INTEGER
);

-- Dashboard sessions: the cookie holds a random id, the table holds only its SHA-256.
CREATE TABLE officer_sessions (
  id_hash TEXT PRIMARY KEY,
  officer_id INTEGER NOT NULL REFERENCES officers(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX officer_sessions_expiry ON officer_sessions (expires_at);
