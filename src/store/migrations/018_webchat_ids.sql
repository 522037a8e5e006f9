-- Web chat message ids are never reused: the page asks for ids above the last one it saw, so an id
-- handed out again after "delete my data" would hide every later message (AUTOINCREMENT keeps the
-- highest id ever used in sqlite_sequence). Messages may also carry a file (JSON, see store.ts).
CREATE TABLE webchat_messages_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  chat_id TEXT NOT NULL,
  direction TEXT NOT NULL,             -- 'in' (typed, tapped or uploaded by the visitor) | 'out' (sent by the bot)
  text TEXT NOT NULL,
  choices TEXT,                        -- JSON Choice[] for 'out' messages with buttons
  client_id TEXT,                      -- browser-generated message id ('in' only): a double submit is stored once
  created_at INTEGER NOT NULL,
  media TEXT                           -- JSON {name, mime, kind, path?}: a calendar file sent, or a file uploaded
);
INSERT INTO webchat_messages_new (id, chat_id, direction, text, choices, client_id, created_at)
  SELECT id, chat_id, direction, text, choices, client_id, created_at FROM webchat_messages;
DROP TABLE webchat_messages;
ALTER TABLE webchat_messages_new RENAME TO webchat_messages;
CREATE INDEX webchat_messages_chat ON webchat_messages (chat_id, id);
CREATE UNIQUE INDEX webchat_messages_client ON webchat_messages (chat_id, client_id) WHERE client_id IS NOT NULL;
CREATE INDEX webchat_messages_created ON webchat_messages (created_at);

-- Files a visitor uploaded, kept until the evidence worker copies them into the case folder.
CREATE TABLE webchat_uploads (
  ref TEXT PRIMARY KEY,                -- random id, the MediaDescriptor.ref handed to the router
  chat_id TEXT NOT NULL,
  file TEXT NOT NULL,                  -- file name under DATA_DIR/webchat-uploads
  mime TEXT NOT NULL,
  size INTEGER NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX webchat_uploads_chat ON webchat_uploads (chat_id);
CREATE INDEX webchat_uploads_created ON webchat_uploads (created_at);
