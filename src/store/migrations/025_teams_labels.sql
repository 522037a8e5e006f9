-- Issue 15 (officer workspace): teams with routing rules, and labels on cases.
-- Teams have names the operator chooses (regency desk, P4MI, BP3MI Jawa Timur, KP2MI Crisis Center…).
CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
);
CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  officer_id INTEGER NOT NULL REFERENCES officers(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, officer_id)
);
-- A new case goes to the team of the first rule (lowest position) whose category and country match;
-- NULL matches anything.
CREATE TABLE routing_rules (
  id INTEGER PRIMARY KEY,
  position INTEGER NOT NULL,
  category TEXT,
  country TEXT,
  team_id INTEGER NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL
);
ALTER TABLE cases ADD COLUMN team_id INTEGER REFERENCES teams(id) ON DELETE SET NULL;
CREATE INDEX cases_team ON cases (team_id, status) WHERE team_id IS NOT NULL;

CREATE TABLE labels (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at INTEGER NOT NULL
);
CREATE TABLE case_labels (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  label_id INTEGER NOT NULL REFERENCES labels(id) ON DELETE CASCADE,
  added_at INTEGER NOT NULL,
  PRIMARY KEY (case_id, label_id)
);
CREATE INDEX case_labels_label ON case_labels (label_id, case_id);
