-- Issue 17 item 6 (applications): education help and economic support are applied for through
-- the case machinery (a case of kind 'assistance'). An application has its own status in plain
-- words; each maps onto a case status (received → new, checking → in_progress,
-- documents_needed → waiting, approved → resolved, not_approved → closed). Kept after erasure:
-- it is not personal, and it counts in statistics.
ALTER TABLE cases ADD COLUMN application_status TEXT;
CREATE INDEX cases_application_status ON cases (category, application_status) WHERE application_status IS NOT NULL;

-- An admin confirms a programme's eligibility and documents (data/eligibility.json) in the
-- dashboard: who and when. The fingerprint is the entry's texts when confirmed; if a release
-- changes them, the old confirmation no longer counts and the "to be confirmed" note returns.
CREATE TABLE eligibility_confirmations (
  program_id TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  confirmed_by INTEGER REFERENCES officers(id) ON DELETE SET NULL,
  confirmed_by_name TEXT NOT NULL,
  confirmed_at INTEGER NOT NULL
);

-- An admin may rewrite a programme's eligibility texts in the dashboard (one line per item, in
-- id/en/jv); they then replace the shipped entry until reset. Who and when are kept.
CREATE TABLE eligibility_texts (
  program_id TEXT PRIMARY KEY,
  content TEXT NOT NULL,
  edited_by INTEGER REFERENCES officers(id) ON DELETE SET NULL,
  edited_by_name TEXT NOT NULL,
  edited_at INTEGER NOT NULL
);
