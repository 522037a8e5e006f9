-- Joins left at merge time.
-- 1. Assistance requests are cases (kind 'assistance', details JSON): the separate table from 004
--    is no longer written. It was never released, so no rows are carried over.
DROP TABLE IF EXISTS assistance_requests;
