-- Officer broadcasts. Each recipient's delivery is an outbox row with broadcast_id = broadcasts.id,
-- so per-recipient results live in the outbox; the final counts are copied here when a broadcast
-- ends, because retention later deletes delivered outbox rows.
CREATE TABLE broadcasts (
  id INTEGER PRIMARY KEY,
  audience TEXT NOT NULL,              -- JSON Audience: {"kind":"everyone"}, {"kind":"country","country":"HK"}, ...
  texts TEXT NOT NULL,                 -- JSON {"id": "...", "en"?: "...", "jv"?: "..."}; id is required
  media TEXT,                          -- JSON OutboundMedia (path inside DATA_DIR/media), optional
  urgent INTEGER NOT NULL DEFAULT 0,   -- 1: outbox priority urgentBroadcast, ahead of ordinary ones
  scheduled_at INTEGER,                -- ms since epoch (UTC); NULL: send at once
  state TEXT NOT NULL,                 -- scheduled | queued | sending | done | cancelled
  created_by TEXT NOT NULL,            -- 'contact:12' or 'api'
  created_at INTEGER NOT NULL,
  enqueued_at INTEGER,
  finished_at INTEGER,
  recipients INTEGER,                  -- outbox rows written at enqueue (including skipped ones)
  sent_count INTEGER NOT NULL DEFAULT 0,
  failed_count INTEGER NOT NULL DEFAULT 0,
  skipped_count INTEGER NOT NULL DEFAULT 0,
  cancelled_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX broadcasts_due ON broadcasts (state, scheduled_at);

-- Audience queries filter contacts by these columns.
CREATE INDEX contacts_broadcast ON contacts (subscribed, audience, country);
