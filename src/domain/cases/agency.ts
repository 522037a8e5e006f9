/**
 * Links a complaint to the agency register when the employer/agency the reporter typed strongly
 * matches one entry (weak "did you mean" matches are never linked), and finds the linked entry
 * again for officers, also after the register was re-imported.
 */
import { homeDay } from '../../core/clock.js';
import type { DB } from '../../store/db.js';
import type { AgencyStatus } from '../agencies/csvRows.js';
import { findAgencies } from '../agencies/matcher.js';
import { normalizeLicense } from '../agencies/normalize.js';
import { AGENCY_COLUMNS, type Agency, effectiveStatus } from '../agencies/register.js';
import type { Case } from './cases.js';

export interface LinkedAgency {
  /** The register entry now, or null when the license is no longer listed. */
  agency: Agency | null;
  license: string;
  /** Status to show (expired when valid-until has passed); null when no longer listed. */
  status: AgencyStatus | null;
}

/** Links the case to the one register entry that strongly matches `agencyText`; returns it or null. */
export function linkCaseAgency(db: DB, caseId: number, agencyText: string | null, now: number, zone: string): Agency | null {
  if (!agencyText || agencyText.trim().length < 3) return null;
  const strong = findAgencies(db, agencyText, homeDay(now, zone)).matches.filter((m) => m.strength === 'strong');
  // Two strong candidates means we cannot tell which company was meant: leave it to the officer.
  if (strong.length !== 1) return null;
  const a = strong[0].agency;
  db.prepare('UPDATE cases SET agency_id = ?, agency_license = ? WHERE id = ?').run(a.id, a.license, caseId);
  return a;
}

/** The register entry a case is linked to, looked up by id and checked by license (ids change on import). */
export function linkedAgency(db: DB, c: Pick<Case, 'agencyId' | 'agencyLicense'>, now: number, zone: string): LinkedAgency | null {
  if (c.agencyLicense === null) return null;
  const norm = normalizeLicense(c.agencyLicense);
  const byId = c.agencyId === null ? undefined : (db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = ? AND license_norm = ?`).get(c.agencyId, norm) as Agency | undefined);
  const agency = byId ?? (db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE license_norm = ? ORDER BY id LIMIT 1`).get(norm) as Agency | undefined) ?? null;
  return { agency, license: agency?.license ?? c.agencyLicense, status: agency ? effectiveStatus(agency, homeDay(now, zone)) : null };
}
