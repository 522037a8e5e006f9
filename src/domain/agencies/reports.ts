/** Reports (complaint cases) linked to register entries: counts per agency, by category, country and month. */
import type { DB } from '../../store/db.js';
import { normalizeLicense } from './normalize.js';

export interface Count {
  key: string;
  n: number;
}

export interface AgencyReports {
  total: number;
  recent: number;
  byCategory: Count[];
  byCountry: Count[];
  /** YYYY-MM in the home time zone is not needed here: months are UTC, enough for a trend. */
  byMonth: Count[];
}

// Cases store the licence as written at link time; compare normalized so spacing and case never split an agency.
const LINKED = `kind = 'complaint' AND agency_license IS NOT NULL AND erased_at IS NULL`;

/** Linked reports of one licence; `since` (ms) bounds `recent`. */
export function agencyReports(db: DB, licenseNorm: string, since: number): AgencyReports {
  const rows = db
    .prepare(`SELECT agency_license AS license, category, COALESCE(country, 'OTHER') AS country, created_at AS createdAt FROM cases WHERE ${LINKED}`)
    .all() as { license: string; category: string; country: string; createdAt: number }[];
  const mine = rows.filter((r) => normalizeLicense(r.license) === licenseNorm);
  const tally = (keyOf: (r: (typeof mine)[number]) => string): Count[] => {
    const m = new Map<string, number>();
    for (const r of mine) m.set(keyOf(r), (m.get(keyOf(r)) ?? 0) + 1);
    return [...m].map(([key, n]) => ({ key, n })).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key));
  };
  return {
    total: mine.length,
    recent: mine.filter((r) => r.createdAt >= since).length,
    byCategory: tally((r) => r.category),
    byCountry: tally((r) => r.country),
    byMonth: tally((r) => new Date(r.createdAt).toISOString().slice(0, 7)).sort((a, b) => a.key.localeCompare(b.key)),
  };
}

/** Linked reports per licence since `since` (ms), for sorting the register by reports. */
export function reportCountsSince(db: DB, since: number): Map<string, number> {
  const rows = db.prepare(`SELECT agency_license AS license FROM cases WHERE ${LINKED} AND created_at >= ?`).all(since) as { license: string }[];
  const out = new Map<string, number>();
  for (const r of rows) {
    const k = normalizeLicense(r.license);
    out.set(k, (out.get(k) ?? 0) + 1);
  }
  return out;
}
