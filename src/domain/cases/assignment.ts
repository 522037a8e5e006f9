/** Taking a case off whoever holds it (the reporter is not told: nothing changed for them yet). */
import type { DB } from '../../store/db.js';
import { type Case, addEvent } from './cases.js';

/** The history text of an `assigned` event that removed the assignee. */
export const UNASSIGNED = 'none';

/** Removes the assignee of a case and records who did it. */
export function unassignCase(db: DB, c: Case, actor: string, now: number): void {
  db.prepare('UPDATE cases SET assignee_officer_id = NULL, assignee_contact_id = NULL, updated_at = ? WHERE id = ?').run(now, c.id);
  addEvent(db, c.id, now, actor, 'assigned', { text: UNASSIGNED });
}

/** Cases auto-assignment looks at per run (the rest wait for the next run). */
export const AUTO_ASSIGN_BATCH = 100;

/** New cases nobody holds or acted on yet, oldest first. */
export function casesAwaitingAssignment(db: DB): { id: number; ref: string }[] {
  return db
    .prepare(
      `SELECT id, ref FROM cases WHERE status = 'new' AND assignee_officer_id IS NULL AND assignee_contact_id IS NULL
       AND first_action_at IS NULL AND erased_at IS NULL ORDER BY id LIMIT ?`,
    )
    .all(AUTO_ASSIGN_BATCH) as { id: number; ref: string }[];
}

/**
 * Gives a case to an account automatically. Unlike an officer taking it, this is not an action on
 * the case: the reporter is not told and the case stays "not acted on", so escalation still runs.
 */
export function autoAssignCase(db: DB, caseId: number, account: { id: number; contactId: number | null }, now: number): void {
  db.prepare('UPDATE cases SET assignee_officer_id = ?, assignee_contact_id = ? WHERE id = ?').run(account.id, account.contactId, caseId);
  addEvent(db, caseId, now, 'system', 'assigned', { text: `account:${account.id}` });
}

/** Whether nobody (account or officer chat) holds the case. */
export function isUnassigned(db: DB, caseId: number): boolean {
  return db.prepare('SELECT assignee_officer_id IS NULL AND assignee_contact_id IS NULL FROM cases WHERE id = ?').pluck().get(caseId) === 1;
}

/** An officer answering a case nobody holds takes it (the reply itself tells the reporter). */
export function takeOnReply(db: DB, caseId: number, account: { id: number; contactId: number | null }, actor: string, now: number): boolean {
  if (!isUnassigned(db, caseId)) return false;
  db.prepare('UPDATE cases SET assignee_officer_id = ?, assignee_contact_id = ? WHERE id = ?').run(account.id, account.contactId, caseId);
  addEvent(db, caseId, now, actor, 'assigned', { text: `account:${account.id}` });
  return true;
}

/** The dashboard account holding a case, or null. */
export function assigneeAccountOf(db: DB, caseId: number): number | null {
  return (db.prepare('SELECT assignee_officer_id FROM cases WHERE id = ?').pluck().get(caseId) as number | null | undefined) ?? null;
}
