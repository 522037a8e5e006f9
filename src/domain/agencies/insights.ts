/** Everything officers see about one register entry: reports, lookups, licence history, reviews. */
import type { DB } from '../../store/db.js';
import { type HistoryEntry, licenseHistory, lookupMatches } from './history.js';
import type { Agency } from './register.js';
import { type AgencyReports, agencyReports } from './reports.js';
import { type ReviewCounts, reviewCounts } from './reviews.js';

/** "Recent" reports and lookups: the last this many days. */
export const RECENT_DAYS = 90;

export interface AgencyInsights {
  agency: Agency;
  reports: AgencyReports;
  lookups: { recent: number; total: number };
  history: HistoryEntry[];
  reviews: ReviewCounts & { pending: number };
}

/** Gathers the insights of one register entry; `today` is YYYY-MM-DD in the home time zone. */
export function agencyInsights(db: DB, agency: Agency, now: number, today: string): AgencyInsights {
  const since = now - RECENT_DAYS * 86_400_000;
  const sinceDay = new Date(Date.parse(`${today}T00:00:00Z`) - RECENT_DAYS * 86_400_000).toISOString().slice(0, 10);
  const pending = db.prepare("SELECT COUNT(*) FROM agency_reviews WHERE license_norm = ? AND state = 'pending'").pluck().get(agency.licenseNorm) as number;
  return {
    agency,
    reports: agencyReports(db, agency.licenseNorm, since),
    lookups: lookupMatches(db, agency.licenseNorm, sinceDay),
    history: licenseHistory(db, agency.licenseNorm),
    reviews: { ...reviewCounts(db, agency.licenseNorm), pending },
  };
}
