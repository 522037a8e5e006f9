-- The officer workspace: availability and dashboard language on the account, saved replies.
ALTER TABLE officers ADD COLUMN away INTEGER NOT NULL DEFAULT 0;      -- 1 = away, 0 = on duty
ALTER TABLE officers ADD COLUMN dashboard_language TEXT;              -- 'id' | 'en'; NULL = DEFAULT_LANGUAGE

CREATE TABLE saved_replies (
  id INTEGER PRIMARY KEY,
  shortname TEXT NOT NULL,                  -- what officers type after '/' or '#'
  language TEXT NOT NULL,                   -- 'id' | 'en' | 'jv'
  body TEXT NOT NULL,                       -- may hold {{ref}}, {{name}}, {{officer}}
  updated_by INTEGER REFERENCES officers(id) ON DELETE SET NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (shortname, language)
);

-- "Was this alert opened or acknowledged since?" (the inbox's emergency list) looks audit rows up by subject.
CREATE INDEX audit_subject_action ON audit (subject, action) WHERE subject IS NOT NULL;
