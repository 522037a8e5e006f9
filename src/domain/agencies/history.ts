/** Licence history and matched lookups, keyed by the normalized licence number (stable across imports). */
import type { DB } from '../../store/db.js';

export interface HistoryEntry {
  name: string;
  status: string;
  validUntil: string | null;
  recordedAt: number;
  source: string;
}

/** Records, for the import just loaded, every licence whose name, status or date differs from its last recorded entry. */
export function recordLicenseHistory(db: DB, importId: number, now: number): number {
  return db
    .prepare(
      `INSERT INTO agency_license_history (license_norm, name, status, valid_until, import_id, recorded_at)
       SELECT a.license_norm, a.name, a.status, a.valid_until, a.import_id, ?
       FROM agencies a
       WHERE a.import_id = ? AND NOT EXISTS (
         SELECT 1 FROM agency_license_history h
         WHERE h.id = (SELECT MAX(id) FROM agency_license_history WHERE license_norm = a.license_norm)
           AND h.name = a.name AND h.status = a.status AND h.valid_until IS a.valid_until)`,
    )
    .run(now, importId).changes;
}

/** What the register said about one licence over time, oldest first. */
export function licenseHistory(db: DB, licenseNorm: string): HistoryEntry[] {
  return db
    .prepare(
      `SELECT h.name, h.status, h.valid_until AS validUntil, h.recorded_at AS recordedAt, i.source
       FROM agency_license_history h JOIN agency_imports i ON i.id = h.import_id
       WHERE h.license_norm = ? ORDER BY h.id`,
    )
    .all(licenseNorm) as HistoryEntry[];
}

/** Adds one to the day's count of lookups that strongly matched this licence. */
export function countLookupMatch(db: DB, day: string, licenseNorm: string): void {
  db.prepare(
    `INSERT INTO agency_lookup_matches (day, license_norm, count) VALUES (?, ?, 1)
     ON CONFLICT (license_norm, day) DO UPDATE SET count = count + 1`,
  ).run(day, licenseNorm);
}

/** Lookups that matched this licence since a day (inclusive), and in all. */
export function lookupMatches(db: DB, licenseNorm: string, sinceDay: string): { recent: number; total: number } {
  const r = db
    .prepare(
      `SELECT COALESCE(SUM(count), 0) AS total, COALESCE(SUM(CASE WHEN day >= ? THEN count ELSE 0 END), 0) AS recent
       FROM agency_lookup_matches WHERE license_norm = ?`,
    )
    .get(sinceDay, licenseNorm) as { total: number; recent: number };
  return r;
}
