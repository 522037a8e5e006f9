/** Register uploads waiting for an admin's confirmation (the dashboard's preview step). */
import type { DB } from '../../store/db.js';

/** An unconfirmed upload is kept this long. */
export const DRAFT_TTL_MS = 24 * 3600_000;

export interface ImportDraft {
  id: number;
  csv: string;
  label: string;
}

/** Keeps one upload for this officer (replacing their older one); returns its id. */
export function saveImportDraft(db: DB, officerId: number, csv: string, label: string, now: number): number {
  db.prepare('DELETE FROM agency_import_drafts WHERE officer_id = ? OR created_at < ?').run(officerId, now - DRAFT_TTL_MS);
  return Number(db.prepare('INSERT INTO agency_import_drafts (officer_id, csv, label, created_at) VALUES (?, ?, ?, ?)').run(officerId, csv, label, now).lastInsertRowid);
}

/** The officer's own draft by id, if still kept. */
export function findImportDraft(db: DB, officerId: number, id: number): ImportDraft | undefined {
  return db.prepare('SELECT id, csv, label FROM agency_import_drafts WHERE id = ? AND officer_id = ?').get(Number.isInteger(id) ? id : -1, officerId) as ImportDraft | undefined;
}

/** Forgets a draft once applied. */
export function deleteImportDraft(db: DB, id: number): void {
  db.prepare('DELETE FROM agency_import_drafts WHERE id = ?').run(id);
}
