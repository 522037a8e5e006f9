-- Issue 17. An admin confirms an emergency-contact entry of data/contacts.json: who and when. The
-- fingerprint is the entry's numbers when confirmed; if the shipped numbers change, the old
-- confirmation no longer counts and the "not yet verified" note returns.
CREATE TABLE hotline_verifications (
  hotline_id TEXT PRIMARY KEY,
  fingerprint TEXT NOT NULL,
  verified_by INTEGER REFERENCES officers(id) ON DELETE SET NULL,
  verified_by_name TEXT NOT NULL,
  verified_at INTEGER NOT NULL
);
-- Home district (kecamatan) and village (desa) of a report or request, optional, for the dashboard filter.
ALTER TABLE cases ADD COLUMN home_district TEXT;
ALTER TABLE cases ADD COLUMN home_village TEXT;
CREATE INDEX cases_home_district ON cases (home_district) WHERE home_district IS NOT NULL;
