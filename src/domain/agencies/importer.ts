/**
 * The one importer behind `npm run import-agencies` and `POST /api/agencies/import`: parse, then
 * replace the whole register in one transaction (readers see the old list or the new one, never
 * a mix). The same content imported again changes nothing.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { recordLicenseHistory } from './history.js';
import type { DB } from '../../store/db.js';
import { type RowProblem, parseAgencyCsv } from './csvRows.js';
import { currentImport } from './register.js';

/** License numbers in the shipped fictional sample start with this; a list made only of them is the sample. */
export const SAMPLE_LICENSE_PREFIX = 'CONTOH';
/** The shipped fictional register (relative to the repository, not DATA_DIR). */
export const SAMPLE_CSV_PATH = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'data', 'agencies-sample-fictional.csv');
export const SAMPLE_SOURCE = 'FICTIONAL SAMPLE DATA (data/agencies-sample-fictional.csv), not a real register';

export interface ImportReport {
  /** imported: the register was replaced; unchanged: same content as the active list; rejected: nothing loaded. */
  outcome: 'imported' | 'unchanged' | 'rejected';
  loaded: number;
  problems: RowProblem[];
  /** Why nothing was loaded (outcome 'rejected'). */
  reason?: string;
  sha256: string;
  source: string;
  importedAt?: number;
  isSample?: boolean;
}

/** Imports a register CSV; bad rows are reported and skipped, good rows replace the list atomically. */
export function importAgencies(db: DB, csv: string, opts: { source: string; now: number }): ImportReport {
  const sha256 = createHash('sha256').update(csv).digest('hex');
  const base = { sha256, source: opts.source };
  const active = currentImport(db);
  if (active && active.sha256 === sha256) {
    return { ...base, outcome: 'unchanged', loaded: active.rowsLoaded, problems: [], importedAt: active.importedAt, isSample: active.isSample };
  }
  const parsed = parseAgencyCsv(csv);
  if (parsed.fatal) return { ...base, outcome: 'rejected', loaded: 0, problems: parsed.problems, reason: parsed.fatal };
  if (!parsed.rows.length) {
    return { ...base, outcome: 'rejected', loaded: 0, problems: parsed.problems, reason: 'no usable rows; the current register was kept' };
  }
  const isSample = parsed.rows.every((r) => r.licenseNorm.startsWith(SAMPLE_LICENSE_PREFIX));
  const source = isSample && !/fictional|fiktif/i.test(opts.source) ? `FICTIONAL SAMPLE DATA: ${opts.source}` : opts.source;
  db.transaction(() => {
    const importId = Number(
      db
        .prepare('INSERT INTO agency_imports (imported_at, source, sha256, rows_loaded, rows_rejected, is_sample) VALUES (?, ?, ?, ?, ?, ?)')
        .run(opts.now, source, sha256, parsed.rows.length, parsed.problems.length, isSample ? 1 : 0).lastInsertRowid,
    );
    db.prepare('DELETE FROM agencies').run();
    const insert = db.prepare(
      `INSERT INTO agencies (name, name_norm, license_no, license_norm, status, valid_until, address, city, province, phone, import_id, source_line)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (const r of parsed.rows) {
      insert.run(r.name, r.nameNorm, r.license, r.licenseNorm, r.status, r.validUntil, r.address, r.city, r.province, r.phone, importId, r.line);
    }
    // External-content FTS index: rebuilt from the table inside the same transaction.
    db.prepare("INSERT INTO agencies_fts (agencies_fts) VALUES ('rebuild')").run();
    recordLicenseHistory(db, importId, opts.now);
  })();
  return { ...base, source, outcome: 'imported', loaded: parsed.rows.length, problems: parsed.problems, importedAt: opts.now, isSample };
}

/** Loads the shipped fictional sample when the register is empty (first start), so the bot works out of the box. */
export function loadSampleIfEmpty(db: DB, now: number, file: string = SAMPLE_CSV_PATH): ImportReport | null {
  const count = db.prepare('SELECT COUNT(*) FROM agencies').pluck().get() as number;
  if (count > 0 || !fs.existsSync(file)) return null;
  return importAgencies(db, fs.readFileSync(file, 'utf8'), { source: SAMPLE_SOURCE, now });
}
