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
