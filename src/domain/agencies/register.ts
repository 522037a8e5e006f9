/** Reading the active agency register: its import metadata and single entries. */
import type { DB } from '../../store/db.js';
import type { AgencyRow, AgencyStatus } from './csvRows.js';

export interface ImportInfo {
  id: number;
  importedAt: number;
  source: string;
  sha256: string;
  rowsLoaded: number;
  rowsRejected: number;
  isSample: boolean;
}

/** A register entry as stored: an imported row without its line number and phone. */
export type Agency = Omit<AgencyRow, 'line' | 'phone'> & { id: number };

/** The status a person should be told: an "active" license past its valid-until date is expired. */
export function effectiveStatus(a: Pick<Agency, 'status' | 'validUntil'>, today: string): AgencyStatus {
  if (a.status === 'active' && a.validUntil !== null && a.validUntil < today) return 'expired';
  return a.status;
}

/** The import that produced the active list, or null when nothing was ever imported. */
export function currentImport(db: DB): ImportInfo | null {
  const r = db
    .prepare('SELECT id, imported_at, source, sha256, rows_loaded, rows_rejected, is_sample FROM agency_imports ORDER BY id DESC LIMIT 1')
    .get() as { id: number; imported_at: number; source: string; sha256: string; rows_loaded: number; rows_rejected: number; is_sample: number } | undefined;
  if (!r) return null;
  return {
    id: r.id,
    importedAt: r.imported_at,
    source: r.source,
    sha256: r.sha256,
    rowsLoaded: r.rows_loaded,
    rowsRejected: r.rows_rejected,
    isSample: r.is_sample === 1,
  };
}

export const AGENCY_COLUMNS =
  'id, name, name_norm AS nameNorm, license_no AS license, license_norm AS licenseNorm, status, valid_until AS validUntil, address, city, province';

/** One register entry by id, or undefined. */
export function agencyById(db: DB, id: number): Agency | undefined {
  return db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = ?`).get(id) as Agency | undefined;
}
