/**
 * Changes to scheduled gatherings that people must hear about: cancelling or moving one occurrence
 * or a whole series. Everyone who said yes is told in their language, through `NotifyContact`, in the
 * caller's transaction; their reminders are voided or re-planned.
 */
import type { NotifyContact } from '../../outbox/notifier.js';
import { ContactStore, languageOf } from '../../store/contacts.js';
import type { DB } from '../../store/db.js';
import { atLocalTime } from './recurrence.js';
import { planReminders, voidReminders } from './reminderPlan.js';
import type { GatheringSettings } from './settings.js';
import { type Occurrence, futureOfSeries, gatheringRow, getOccurrence, hasEnded, yesContacts } from './store.js';
import { type TimeSettings, titleIn, whenText } from './time.js';
import { sessionNoticeVars } from './sessionText.js';

/** The vars every notice about an occurrence uses, written for one recipient. */
function noticeVars(db: DB, o: Occurrence, contactId: number, s: TimeSettings) {
  const c = new ContactStore(db).get(contactId);
  if (!c) return undefined;
  const lang = languageOf(c, s.DEFAULT_LANGUAGE);
  const when = whenText(o.startsAt, c, s) as { key: string; vars: Record<string, string> };
  return { title: titleIn(o.title, lang), when: { t: when.key, vars: when.vars } };
}

/** Longest note an officer may add to a cancellation notice. */
export const MAX_CANCEL_NOTE_CHARS = 500;

/**
 * Cancels one occurrence and tells everyone who said yes; a programme session also tells its
 * waitlist, with the officer's `note` if given. Returns how many were told (-1: already over or gone).
 */
export function cancelOccurrence(db: DB, occurrenceId: number, now: number, notify: NotifyContact, s: GatheringSettings, note?: string): number {
  const o = getOccurrence(db, occurrenceId);
  if (!o || o.state !== 'scheduled' || hasEnded(o, now)) return -1;
  db.prepare("UPDATE gathering_occurrences SET state = 'cancelled', updated_at = ? WHERE id = ?").run(now, occurrenceId);
  voidReminders(db, occurrenceId);
  const told = yesContacts(db, occurrenceId);
  if (o.program !== null) {
    const waiting = db.prepare('SELECT contact_id FROM gathering_waitlist WHERE occurrence_id = ? ORDER BY created_at, contact_id').pluck().all(occurrenceId) as number[];
    db.prepare('DELETE FROM gathering_waitlist WHERE occurrence_id = ?').run(occurrenceId);
    const extra = note?.trim() ? { t: 'sessions.notice.note', vars: { note: note.trim().slice(0, MAX_CANCEL_NOTE_CHARS) } } : '';
    for (const cid of [...told, ...waiting]) {
      const vars = sessionNoticeVars(db, o, cid, s, false);
      if (vars) notify(cid, { text: { key: 'sessions.notice.cancelled', vars: { ...vars, note: extra } } });
    }
    return told.length + waiting.length;
  }
  for (const cid of told) {
    const vars = noticeVars(db, o, cid, s);
    if (vars) notify(cid, { text: { key: 'gatherings.notice.cancelled', vars } });
  }
  return told.length;
}

/** Moves one occurrence to a new start; those who said yes are told and their reminders re-planned. */
export function moveOccurrence(db: DB, occurrenceId: number, newStart: number, now: number, notify: NotifyContact, s: GatheringSettings): number {
  const o = getOccurrence(db, occurrenceId);
  if (!o || o.state !== 'scheduled' || hasEnded(o, now)) return -1;
  db.prepare('UPDATE gathering_occurrences SET starts_at = ?, updated_at = ? WHERE id = ?').run(newStart, now, occurrenceId);
  const moved = { ...o, startsAt: newStart };
  const told = yesContacts(db, occurrenceId);
  for (const cid of told) {
    planReminders(db, moved, cid, now, s.offsets);
    const vars = o.program !== null ? sessionNoticeVars(db, moved, cid, s, true) : noticeVars(db, moved, cid, s);
    if (vars) notify(cid, { text: { key: o.program !== null ? 'sessions.notice.moved' : 'gatherings.notice.moved', vars } });
  }
  return told.length;
}

/** Cancels the whole series from now on; each person who said yes to any of it is told once. */
export function cancelSeries(db: DB, gatheringId: number, now: number, notify: NotifyContact, s: GatheringSettings): number {
  const g = gatheringRow(db, gatheringId);
  if (!g || g.state !== 'active') return -1;
  db.prepare("UPDATE gatherings SET state = 'cancelled', updated_at = ? WHERE id = ?").run(now, gatheringId);
  const told = new Set<number>();
  for (const o of futureOfSeries(db, gatheringId, now)) {
    const yes = yesContacts(db, o.id);
    db.prepare("UPDATE gathering_occurrences SET state = 'cancelled', updated_at = ? WHERE id = ?").run(now, o.id);
    voidReminders(db, o.id);
    for (const cid of yes) {
      if (told.has(cid)) continue;
      told.add(cid);
      const vars = noticeVars(db, o, cid, s);
      if (vars) notify(cid, { text: { key: 'gatherings.notice.seriesCancelled', vars } });
    }
  }
  return told.size;
}

/** Moves every future occurrence of a series to a new local time of day ("HH:mm"); yes-sayers are told. */
export function changeSeriesTime(db: DB, gatheringId: number, hhmm: string, now: number, notify: NotifyContact, s: GatheringSettings): number {
  const g = gatheringRow(db, gatheringId);
  if (!g || g.state !== 'active') return -1;
  db.prepare('UPDATE gatherings SET start_local = ?, updated_at = ? WHERE id = ?').run(`${g.start_local.slice(0, 10)}T${hhmm}`, now, gatheringId);
  const told = new Set<number>();
  for (const o of futureOfSeries(db, gatheringId, now)) {
    const slot = db.prepare('SELECT slot_at FROM gathering_occurrences WHERE id = ?').pluck().get(o.id) as number;
    const newSlot = atLocalTime(slot, g.timezone, hhmm);
    const newStart = atLocalTime(o.startsAt, g.timezone, hhmm);
    db.prepare('UPDATE gathering_occurrences SET slot_at = ?, starts_at = ?, updated_at = ? WHERE id = ?').run(newSlot, newStart, now, o.id);
    const moved = { ...o, startsAt: newStart };
    for (const cid of yesContacts(db, o.id)) {
      planReminders(db, moved, cid, now, s.offsets);
      if (told.has(cid)) continue;
      told.add(cid);
      const vars = noticeVars(db, moved, cid, s);
      if (vars) notify(cid, { text: { key: 'gatherings.notice.seriesMoved', vars } });
    }
  }
  return told.size;
}
