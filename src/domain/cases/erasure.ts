/**
 * Data rights for cases: what a contact can see about their reports, and erasure that keeps only
 * anonymous statistics (category, country, month, outcome).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../../store/db.js';
import { addEvent, casesOfReporter } from './cases.js';
import { forgetFollowers } from './followers.js';
import { anonymizeSatisfactionOf, forgetCaseSatisfaction } from './satisfaction.js';

/**
 * Erases the personal fields, free text and evidence files of every case the contact reported.
 * Files are removed last, after the rows are updated (the caller's transaction is still open).
 */
export function eraseContactCases(db: DB, contactId: number, dataDir: string, now: number): { cases: number; files: number } {
  const cases = casesOfReporter(db, contactId);
  const files: string[] = [];
  for (const c of cases) files.push(...eraseCaseRows(db, c.id, now, 'reporter'));
  // Cases this contact followed as family stop reaching it.
  db.prepare('DELETE FROM case_followers WHERE contact_id = ?').run(contactId);
  // Satisfaction answers (as reporter or follower) stay only as anonymous scores.
  anonymizeSatisfactionOf(db, contactId);
  return { cases: cases.length, files: removeCaseFiles(dataDir, files) };
}

/**
 * Erases one case's personal fields, free text and evidence rows (keeps category, country, dates,
 * status); returns the evidence file paths for removeCaseFiles once the rows are updated.
 */
export function eraseCaseRows(db: DB, caseId: number, now: number, actor: string): string[] {
  const files = db.prepare("SELECT path FROM attachments WHERE case_id = ? AND path IS NOT NULL").pluck().all(caseId) as string[];
  db.prepare(
    `UPDATE attachments SET state = 'erased', path = NULL, platform_ref = NULL, file_name = NULL, sha256 = NULL WHERE case_id = ?`,
  ).run(caseId);
  db.prepare('UPDATE case_events SET text = NULL WHERE case_id = ? AND text IS NOT NULL').run(caseId);
  db.prepare(
    `UPDATE cases SET reporter_contact_id = NULL, worker_name = NULL, city = NULL, agency_text = NULL, agency_id = NULL, agency_license = NULL, description = NULL,
       details = NULL, home_village = NULL, safe_time = NULL, contact_pref = NULL, pin_hash = NULL, erased_at = ? WHERE id = ?`,
  ).run(now, caseId);
  forgetFollowers(db, caseId);
  forgetCaseSatisfaction(db, caseId);
  addEvent(db, caseId, now, actor, 'erased');
  return files;
}

/** Removes evidence files under DATA_DIR (a file already gone is fine); returns how many. */
export function removeCaseFiles(dataDir: string, files: string[]): number {
  let removed = 0;
  for (const rel of files) {
    const abs = path.resolve(dataDir, rel);
    if (!abs.startsWith(path.resolve(dataDir) + path.sep)) continue;
    // force: a file already gone is fine; any other error fails the turn (nothing is committed).
    fs.rmSync(abs, { force: true });
    removed++;
  }
  return removed;
}
