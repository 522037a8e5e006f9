/** The register ranked by linked reports, for the officers' agency list. */
import type { DB } from '../../store/db.js';
import { AGENCY_COLUMNS, type Agency } from './register.js';
import { reportCountsSince } from './reports.js';

export interface RankedAgency {
  agency: Agency;
  reports: number;
}

/** Register entries with at least one report since `since` (ms), most reports first, then by name. */
export function agenciesByReports(db: DB, since: number, limit: number): RankedAgency[] {
  const counts = reportCountsSince(db, since);
  if (!counts.size) return [];
  const all = db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies`).all() as Agency[];
  return all
    .filter((a) => counts.has(a.licenseNorm))
    .map((a) => ({ agency: a, reports: counts.get(a.licenseNorm) ?? 0 }))
    .sort((x, y) => y.reports - x.reports || x.agency.name.localeCompare(y.agency.name))
    .slice(0, limit);
}

/** Register entries whose name contains `q` (normalized words), by name. */
export function searchAgencies(db: DB, qNorm: string, limit: number): Agency[] {
  return db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE name_norm LIKE ? ORDER BY name LIMIT ?`).all(`%${qNorm}%`, limit) as Agency[];
}

/** The id of the register entry with this normalized licence, if it is in the active register. */
export function agencyIdByLicense(db: DB, licenseNorm: string): number | undefined {
  return db.prepare('SELECT id FROM agencies WHERE license_norm = ? ORDER BY id LIMIT 1').pluck().get(licenseNorm) as number | undefined;
}
