-- Gatherings ("silaturahmi online"): a series with a recurrence rule in the home time zone.
CREATE TABLE gatherings (
  id INTEGER PRIMARY KEY,
  title TEXT NOT NULL,                 -- JSON {"id": "...", "en": "...", "jv": "..."}
  start_local TEXT NOT NULL,           -- first start, ISO local time in `timezone` (2026-12-06T14:00)
  timezone TEXT NOT NULL,              -- HOME_TIMEZONE when created
  duration_min INTEGER NOT NULL,
  link TEXT NOT NULL,                  -- meeting link: only for those who said yes, and officers
  audience TEXT NOT NULL DEFAULT 'everyone', -- 'family' | 'worker' | 'everyone'
  country TEXT,                        -- optional destination country code
  capacity INTEGER,                    -- NULL: no limit
  recurrence TEXT NOT NULL,            -- 'once' | 'weekly' | 'monthly'
  nth INTEGER,                         -- monthly: 1..4, or -1 for the last weekday of the month
  until_local TEXT,                    -- optional last day (ISO date) of a series
  state TEXT NOT NULL DEFAULT 'active', -- 'active' | 'cancelled'
  created_by TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

-- Occurrences are materialized a few months ahead (the scheduler keeps extending the horizon), so
-- answers, reminders and changes of one occurrence refer to a stable row.
CREATE TABLE gathering_occurrences (
  id INTEGER PRIMARY KEY,
  gathering_id INTEGER NOT NULL REFERENCES gatherings(id) ON DELETE CASCADE,
  slot_at INTEGER NOT NULL,            -- start the rule gave (ms UTC); identifies the occurrence
  starts_at INTEGER NOT NULL,          -- actual start (ms UTC), differs when moved
  duration_min INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'scheduled', -- 'scheduled' | 'cancelled'
  updated_at INTEGER NOT NULL,
  UNIQUE (gathering_id, slot_at)
);
CREATE INDEX gathering_occurrences_time ON gathering_occurrences (state, starts_at);

CREATE TABLE gathering_rsvps (
  occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  answer TEXT NOT NULL,                -- 'yes' | 'no' | 'maybe'
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (occurrence_id, contact_id)
);
CREATE INDEX gathering_rsvps_contact ON gathering_rsvps (contact_id);

-- Reminders are due rows; the job marks each sent in the transaction that queues its message.
CREATE TABLE gathering_reminders (
  id INTEGER PRIMARY KEY,
  occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                  -- named offset, e.g. 'day' (24 h before), 'hour' (1 h before)
  due_at INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT 'pending', -- 'pending' | 'sent' | 'skipped' | 'void'
  done_at INTEGER,
  UNIQUE (occurrence_id, contact_id, kind)
);
CREATE INDEX gathering_reminders_due ON gathering_reminders (state, due_at);

-- Requests for help from an assistance program.
-- MERGE: replaced by cases (createCase kind 'assistance') once the complaints domain is merged.
CREATE TABLE assistance_requests (
  id INTEGER PRIMARY KEY,
  ref TEXT NOT NULL UNIQUE,
  contact_id INTEGER REFERENCES contacts(id) ON DELETE SET NULL,
  program TEXT,                        -- program id from data/programs.json, NULL: not sure
  who TEXT NOT NULL,                   -- 'self' | 'family' | 'exworker' | 'other'
  village TEXT NOT NULL,
  need TEXT NOT NULL,
  reach TEXT NOT NULL,                 -- 'chat' or a phone number the person gave
  status TEXT NOT NULL DEFAULT 'new',
  created_at INTEGER NOT NULL
);
