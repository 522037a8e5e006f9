/** A contact's own gathering rows, for erasure on request. */
import type { DB } from '../../store/db.js';

/** Deletes the contact's reminders, answers (sign-ups, with the name given) and waitlist places; returns how many rows went. */
export function eraseContactGatherings(db: DB, contactId: number): number {
  let rows = 0;
  for (const table of ['gathering_reminders', 'gathering_rsvps', 'gathering_waitlist']) {
    rows += db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`).run(contactId).changes;
  }
  return rows;
}
