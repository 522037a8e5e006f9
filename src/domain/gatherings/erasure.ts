/** A contact's own gathering rows, for erasure on request. */
import type { DB } from '../../store/db.js';

/** Deletes the contact's reminders and answers to gatherings; returns how many rows went. */
export function eraseContactGatherings(db: DB, contactId: number): number {
  let rows = 0;
  for (const table of ['gathering_reminders', 'gathering_rsvps']) {
    rows += db.prepare(`DELETE FROM ${table} WHERE contact_id = ?`).run(contactId).changes;
  }
  return rows;
}
