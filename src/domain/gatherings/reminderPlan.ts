/**
 * Reminder planning: who is reminded of which occurrence, and when. A yes plans one reminder per
 * offset (re-planned when the occurrence moves); any other answer, or a cancellation, voids them.
 * Sending them is reminders.ts.
 */
import type { DB } from '../../store/db.js';
import type { ReminderOffset } from './reminderOffsets.js';

/** What planning needs of an occurrence. */
export interface PlannedOccurrence {
  id: number;
  startsAt: number;
}

/** Plans (or re-plans, after a move) the reminders of one person who said yes. */
export function planReminders(db: DB, o: PlannedOccurrence, contactId: number, now: number, offsets: ReminderOffset[]): void {
  const up = db.prepare(
    `INSERT INTO gathering_reminders (occurrence_id, contact_id, kind, due_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (occurrence_id, contact_id, kind) DO UPDATE SET due_at = excluded.due_at, state = 'pending', done_at = NULL
     WHERE gathering_reminders.state = 'void' OR gathering_reminders.due_at != excluded.due_at`,
  );
  const drop = db.prepare("UPDATE gathering_reminders SET state = 'void' WHERE occurrence_id = ? AND contact_id = ? AND kind = ? AND state = 'pending'");
  for (const off of offsets) {
    const due = o.startsAt - off.beforeMs;
    // A reminder whose moment already passed is not planned: the person just got the details.
    if (due > now) up.run(o.id, contactId, off.name, due);
    else drop.run(o.id, contactId, off.name);
  }
}

/** Voids the pending reminders of an occurrence (of one contact, or of everyone). */
export function voidReminders(db: DB, occurrenceId: number, contactId?: number): void {
  if (contactId === undefined) db.prepare("UPDATE gathering_reminders SET state = 'void' WHERE occurrence_id = ? AND state = 'pending'").run(occurrenceId);
  else db.prepare("UPDATE gathering_reminders SET state = 'void' WHERE occurrence_id = ? AND contact_id = ? AND state = 'pending'").run(occurrenceId, contactId);
}
