-- Programme sessions (issue 17 item 6): skills training and certification, Ruang Rindu. They are
-- gatherings with a programme and a place, so answers (sign-ups), reminders, notices and calendar
-- files are the gatherings' own. A family gathering (online, silaturahmi) has program NULL.
ALTER TABLE gatherings ADD COLUMN program TEXT;        -- programme id from data/programs.json; NULL: family gathering
ALTER TABLE gatherings ADD COLUMN place TEXT;          -- where it is held (officer's text); NULL: online only (link)
CREATE INDEX gatherings_program ON gatherings (program, state);

-- The name a person gave when signing up for a programme session (officers need it at the door).
ALTER TABLE gathering_rsvps ADD COLUMN name TEXT;

-- People waiting for a place in a full session, first come first served; the first one gets a
-- place that frees up (told through the notifier).
CREATE TABLE gathering_waitlist (
  occurrence_id INTEGER NOT NULL REFERENCES gathering_occurrences(id) ON DELETE CASCADE,
  contact_id INTEGER NOT NULL REFERENCES contacts(id) ON DELETE CASCADE,
  name TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (occurrence_id, contact_id)
);
CREATE INDEX gathering_waitlist_contact ON gathering_waitlist (contact_id);
