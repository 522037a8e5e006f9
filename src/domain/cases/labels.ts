/**
 * Labels on cases: names officers choose ("needs lawyer", "media interest", "repatriation"),
 * created by any officer or admin, put on and taken off a case, shown on inbox rows and used as an
 * inbox filter. Names are unique regardless of letter case.
 */
import type { DB } from '../../store/db.js';

/** Longest label name. */
export const MAX_LABEL_CHARS = 40;
/** Labels that may exist at once (the filter menu and the picker list them all). */
export const MAX_LABELS = 300;

export interface Label {
  id: number;
  name: string;
}

/** A label name as stored: control characters removed, spaces collapsed, at most MAX_LABEL_CHARS; '' when nothing is left. */
export function cleanLabelName(raw: unknown): string {
  if (typeof raw !== 'string') return '';
  return raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, ' ').replace(/\s+/g, ' ').trim().slice(0, MAX_LABEL_CHARS).trim();
}

/** The label with this name (any letter case), created when missing; undefined for an empty name or when MAX_LABELS exist. */
export function ensureLabel(db: DB, rawName: unknown, now: number): Label | undefined {
  const name = cleanLabelName(rawName);
  if (!name) return undefined;
  const found = labelByName(db, name);
  if (found) return found;
  if ((db.prepare('SELECT COUNT(*) FROM labels').pluck().get() as number) >= MAX_LABELS) return undefined;
  const id = Number(db.prepare('INSERT INTO labels (name, created_at) VALUES (?, ?)').run(name, now).lastInsertRowid);
  return { id, name };
}

/** The label with this name, any letter case. */
export function labelByName(db: DB, name: string): Label | undefined {
  return db.prepare('SELECT id, name FROM labels WHERE name = ?').get(cleanLabelName(name)) as Label | undefined;
}

/** One label by id. */
export function labelById(db: DB, id: number): Label | undefined {
  return db.prepare('SELECT id, name FROM labels WHERE id = ?').get(id) as Label | undefined;
}

/** Every label, by name. */
export function allLabels(db: DB): Label[] {
  return db.prepare('SELECT id, name FROM labels ORDER BY name COLLATE NOCASE').all() as Label[];
}

/** The labels on one case, by name. */
export function labelsOf(db: DB, caseId: number): Label[] {
  return db
    .prepare('SELECT l.id, l.name FROM case_labels cl JOIN labels l ON l.id = cl.label_id WHERE cl.case_id = ? ORDER BY l.name COLLATE NOCASE')
    .all(caseId) as Label[];
}

/** Labels of many cases at once (an inbox page), by case id. */
export function labelsOfCases(db: DB, caseIds: number[]): Map<number, Label[]> {
  const out = new Map<number, Label[]>();
  if (!caseIds.length) return out;
  const rows = db
    .prepare(
      `SELECT cl.case_id AS caseId, l.id, l.name FROM case_labels cl JOIN labels l ON l.id = cl.label_id
       WHERE cl.case_id IN (SELECT value FROM json_each(?)) ORDER BY l.name COLLATE NOCASE`,
    )
    .all(JSON.stringify(caseIds)) as (Label & { caseId: number })[];
  for (const r of rows) {
    const list = out.get(r.caseId) ?? [];
    list.push({ id: r.id, name: r.name });
    out.set(r.caseId, list);
  }
  return out;
}

/** Puts a label on a case; false when it was already there. */
export function addCaseLabel(db: DB, caseId: number, labelId: number, now: number): boolean {
  return db.prepare('INSERT OR IGNORE INTO case_labels (case_id, label_id, added_at) VALUES (?, ?, ?)').run(caseId, labelId, now).changes === 1;
}

/** Takes a label off a case; false when it was not there. */
export function removeCaseLabel(db: DB, caseId: number, labelId: number): boolean {
  return db.prepare('DELETE FROM case_labels WHERE case_id = ? AND label_id = ?').run(caseId, labelId).changes === 1;
}
