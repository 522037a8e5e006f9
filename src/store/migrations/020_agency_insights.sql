-- What officers and workers learn about one agency beyond its register entry. Keyed by the
-- normalized licence number, which survives re-imports (agency ids do not).

-- Licence history: a row each time an import changes what the register says about a licence.
CREATE TABLE agency_license_history (
  id INTEGER PRIMARY KEY,
  license_norm TEXT NOT NULL,
  name TEXT NOT NULL,
  status TEXT NOT NULL,
  valid_until TEXT,
  import_id INTEGER NOT NULL REFERENCES agency_imports (id),
  recorded_at INTEGER NOT NULL
);
CREATE INDEX agency_license_history_license ON agency_license_history (license_norm, id);
INSERT INTO agency_license_history (license_norm, name, status, valid_until, import_id, recorded_at)
  SELECT a.license_norm, a.name, a.status, a.valid_until, a.import_id, i.imported_at
  FROM agencies a JOIN agency_imports i ON i.id = a.import_id;

-- Lookups that matched a register entry strongly, per day.
CREATE TABLE agency_lookup_matches (
  day TEXT NOT NULL,
  license_norm TEXT NOT NULL,
  count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (license_norm, day)
);

-- Workers' reviews: anonymous to the public, held for moderation, counted only once approved.
CREATE TABLE agency_reviews (
  id INTEGER PRIMARY KEY,
  license_norm TEXT NOT NULL,
  agency_name TEXT NOT NULL,
  case_id INTEGER REFERENCES cases (id) ON DELETE SET NULL,
  contact_id INTEGER REFERENCES contacts (id) ON DELETE SET NULL,
  extra_fees INTEGER NOT NULL CHECK (extra_fees IN (0, 1)),
  passport_kept INTEGER NOT NULL CHECK (passport_kept IN (0, 1)),
  contract_honoured INTEGER NOT NULL CHECK (contract_honoured IN (0, 1)),
  would_recommend INTEGER NOT NULL CHECK (would_recommend IN (0, 1)),
  comment TEXT,
  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'approved', 'hidden')),
  moderated_by TEXT,
  moderated_at INTEGER,
  hidden_reason TEXT,
  created_at INTEGER NOT NULL
);
CREATE INDEX agency_reviews_license ON agency_reviews (license_norm, state);
CREATE INDEX agency_reviews_state ON agency_reviews (state, created_at);

-- Closed cases whose reporter was invited to rate the linked agency (each at most once).
CREATE TABLE agency_review_invites (
  case_id INTEGER PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
  invited_at INTEGER NOT NULL
);
