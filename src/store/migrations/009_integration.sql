-- Joins left at merge time.
-- 1. Assistance requests are cases (kind 'assistance', details JSON): the separate table from 004
--    is no longer written. It was never released, so no rows are carried over.
DROP TABLE IF EXISTS assistance_requests;

-- 2. A complaint names an employer/agency; when that text strongly matches the register, the case is
--    linked to the entry. No foreign key: each import replaces the register (and may reuse ids), so
--    the license number at link time is kept to find the entry again (src/domain/cases/agency.ts).
ALTER TABLE cases ADD COLUMN agency_id INTEGER;
ALTER TABLE cases ADD COLUMN agency_license TEXT;  -- agencies.license_no when linked
