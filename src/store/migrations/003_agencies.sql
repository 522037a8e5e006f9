-- The register of placement agencies (P3MI). Replaced as a whole by each import.
CREATE TABLE agencies (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,                  -- as in the operator's file
  name_norm TEXT NOT NULL,             -- normalized words (src/domain/agencies/normalize.ts)
  license_no TEXT NOT NULL,            -- SIP3MI number as written
  license_norm TEXT NOT NULL,          -- upper case, letters and digits only
  status TEXT NOT NULL CHECK (status IN ('active', 'suspended', 'revoked', 'expired')),
  valid_until TEXT,                    -- YYYY-MM-DD or NULL when the file gives none
  address TEXT,
  city TEXT,
  province TEXT,
  phone TEXT,
  import_id INTEGER NOT NULL,
  source_line INTEGER NOT NULL         -- line in the imported file, for officers
);
CREATE INDEX agencies_license ON agencies (license_norm);

-- Trigram index on the normalized name: candidate retrieval for fuzzy matching.
CREATE VIRTUAL TABLE agencies_fts USING fts5(name_norm, content = 'agencies', content_rowid = 'id', tokenize = 'trigram');

-- One row per import that changed the register; the newest is the active list.
CREATE TABLE agency_imports (
  id INTEGER PRIMARY KEY,
  imported_at INTEGER NOT NULL,        -- ms since epoch
  source TEXT NOT NULL,                -- file name or 'api:...'; the shipped sample says FICTIONAL
  sha256 TEXT NOT NULL,                -- content hash: a re-import of the same file changes nothing
  rows_loaded INTEGER NOT NULL,
  rows_rejected INTEGER NOT NULL,
  is_sample INTEGER NOT NULL DEFAULT 0 -- 1: fictional sample data; every answer says so
);

-- What people ask about: normalized query and result kind per day. No contact, no chat id.
CREATE TABLE agency_lookups (
  day TEXT NOT NULL,                   -- YYYY-MM-DD in the home time zone
  query_norm TEXT NOT NULL,
  result TEXT NOT NULL,                -- licensed | suspended | revoked | expired | similar | not_found
  count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (day, query_norm, result)
) WITHOUT ROWID;
