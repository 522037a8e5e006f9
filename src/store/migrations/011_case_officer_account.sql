-- Cases taken from the dashboard: the officer account that holds the case (its chat, if linked,
-- stays in assignee_contact_id so chat notifications still reach it).
ALTER TABLE cases ADD COLUMN assignee_officer_id INTEGER REFERENCES officers(id) ON DELETE SET NULL;
CREATE INDEX cases_officer ON cases (assignee_officer_id) WHERE assignee_officer_id IS NOT NULL;
