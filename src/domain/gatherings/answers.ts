/**
 * Answers to a gathering (and sign-ups to a programme session): a yes takes a place in one
 * statement, so the capacity holds whatever else writes at the same time.
 */
import type { DB } from '../../store/db.js';
import type { ReminderOffset } from './reminderOffsets.js';
import { planReminders, voidReminders } from './reminderPlan.js';
import { type Answer, getOccurrence, hasEnded } from './store.js';

export type AnswerOutcome = 'ok' | 'full' | 'gone';

/**
 * Takes a place for the contact (answer yes) in one statement, so the capacity holds whatever else
 * writes at the same time: the count is read by the same INSERT that adds the row. False when full.
 */
export function claimPlace(db: DB, occurrenceId: number, contactId: number, name: string | null, now: number): boolean {
  const info = db
    .prepare(
      `INSERT INTO gathering_rsvps (occurrence_id, contact_id, answer, name, updated_at)
       SELECT ?, ?, 'yes', ?, ? WHERE (SELECT g.capacity FROM gatherings g JOIN gathering_occurrences o ON o.gathering_id = g.id WHERE o.id = ?) IS NULL
         OR (SELECT COUNT(*) FROM gathering_rsvps WHERE occurrence_id = ? AND answer = 'yes' AND contact_id != ?)
          < (SELECT g.capacity FROM gatherings g JOIN gathering_occurrences o ON o.gathering_id = g.id WHERE o.id = ?)
       ON CONFLICT (occurrence_id, contact_id) DO UPDATE SET answer = 'yes', name = COALESCE(excluded.name, gathering_rsvps.name), updated_at = excluded.updated_at`,
    )
    .run(occurrenceId, contactId, name, now, occurrenceId, occurrenceId, contactId, occurrenceId);
  return info.changes > 0;
}

/** Records an answer; a yes when the capacity is reached is refused ('full'); plans or drops reminders. */
export function setAnswer(db: DB, occurrenceId: number, contactId: number, answer: Answer, now: number, offsets: ReminderOffset[]): AnswerOutcome {
  const o = getOccurrence(db, occurrenceId);
  if (!o || o.state !== 'scheduled' || hasEnded(o, now)) return 'gone';
  if (answer === 'yes') {
    if (!claimPlace(db, occurrenceId, contactId, null, now)) return 'full';
  } else {
    db.prepare(
      `INSERT INTO gathering_rsvps (occurrence_id, contact_id, answer, updated_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (occurrence_id, contact_id) DO UPDATE SET answer = excluded.answer, updated_at = excluded.updated_at`,
    ).run(occurrenceId, contactId, answer, now);
  }
  if (answer === 'yes') planReminders(db, o, contactId, now, offsets);
  else voidReminders(db, occurrenceId, contactId);
  return 'ok';
}
