/**
 * Programme sessions (skills training and certification, Ruang Rindu): gatherings with a programme,
 * a place and a quota. Signing up is answering yes (so reminders, notices and calendar files are the
 * gatherings' own); a full session keeps a waitlist, and a place that frees up goes to the first
 * person on it, who is told through the notifier. Synchronous; callers run these in a transaction.
 */
import type { NotifyContact } from '../../outbox/notifier.js';
import type { DB } from '../../store/db.js';
import { voidReminders, planReminders } from './reminderPlan.js';
import type { GatheringSettings } from './settings.js';
import { claimPlace } from './answers.js';
import { type Occurrence, counts, createGathering, getOccurrence, hasEnded, upcoming } from './store.js';
import { sessionNoticeVars } from './sessionText.js';

/** Longest place description an officer may type. */
export const MAX_PLACE_CHARS = 200;
/** Longest name a person may give when signing up. */
export const MAX_SIGNUP_NAME_CHARS = 80;
/** Largest quota of one session. */
export const MAX_QUOTA = 10_000;

export interface NewSession {
  program: string;
  title: Record<string, string> & { id: string };
  /** ISO local time in `timezone` (HOME_TIMEZONE). */
  startLocal: string;
  timezone: string;
  durationMin: number;
  /** Where it is held; null: online only. */
  place: string | null;
  /** Meeting link for an online (or hybrid) session; '' when none. */
  link: string;
  quota: number;
  createdBy: string;
}

/** Creates a one-time session of a programme; returns its occurrence id. */
export function createSession(db: DB, s: NewSession, now: number): number {
  const gid = createGathering(
    db,
    {
      title: s.title,
      startLocal: s.startLocal,
      timezone: s.timezone,
      durationMin: s.durationMin,
      link: s.link,
      audience: 'everyone',
      country: null,
      capacity: s.quota,
      recurrence: 'once',
      createdBy: s.createdBy,
      program: s.program,
      place: s.place,
    },
    now,
  );
  return db.prepare('SELECT id FROM gathering_occurrences WHERE gathering_id = ?').pluck().get(gid) as number;
}

/** A programme's sessions that are scheduled and not over, soonest first. */
export function upcomingSessions(db: DB, program: string, now: number, limit: number): Occurrence[] {
  return upcoming(db, now, limit, undefined, program);
}

/** A programme session by occurrence id (undefined for a family gathering or an unknown id). */
export function getSession(db: DB, occurrenceId: number): Occurrence | undefined {
  const o = getOccurrence(db, occurrenceId);
  return o && o.program !== null ? o : undefined;
}

/** Places still free (null: no limit). */
export function placesLeft(db: DB, o: Occurrence): number | null {
  return o.capacity === null ? null : Math.max(0, o.capacity - counts(db, o.id).yes);
}

/** Where the contact stands: signed up, on the waitlist (1-based position), or neither. */
export type SignUpState = { state: 'signedUp' } | { state: 'waiting'; position: number } | { state: 'none' };

/** The contact's sign-up state for one session. */
export function signUpState(db: DB, occurrenceId: number, contactId: number): SignUpState {
  const answer = db.prepare('SELECT answer FROM gathering_rsvps WHERE occurrence_id = ? AND contact_id = ?').pluck().get(occurrenceId, contactId);
  if (answer === 'yes') return { state: 'signedUp' };
  const at = db.prepare('SELECT created_at FROM gathering_waitlist WHERE occurrence_id = ? AND contact_id = ?').pluck().get(occurrenceId, contactId) as number | undefined;
  if (at === undefined) return { state: 'none' };
  return { state: 'waiting', position: waitlistPosition(db, occurrenceId, contactId) };
}

function waitlistPosition(db: DB, occurrenceId: number, contactId: number): number {
  return db
    .prepare(
      `SELECT COUNT(*) FROM gathering_waitlist w, gathering_waitlist me WHERE me.occurrence_id = ? AND me.contact_id = ? AND w.occurrence_id = me.occurrence_id
       AND (w.created_at < me.created_at OR (w.created_at = me.created_at AND w.contact_id <= me.contact_id))`,
    )
    .pluck()
    .get(occurrenceId, contactId) as number;
}

function open(db: DB, occurrenceId: number, now: number): Occurrence | undefined {
  const o = getSession(db, occurrenceId);
  return o && o.state === 'scheduled' && !hasEnded(o, now) && o.startsAt > now ? o : undefined;
}

export type SignUpOutcome = 'ok' | 'already' | 'full' | 'gone';

/** Signs the contact up if a place is free (atomically: see claimPlace), plans reminders, leaves the waitlist. */
export function signUp(db: DB, occurrenceId: number, contactId: number, name: string | null, now: number, s: GatheringSettings): SignUpOutcome {
  const o = open(db, occurrenceId, now);
  if (!o) return 'gone';
  if (signUpState(db, occurrenceId, contactId).state === 'signedUp') return 'already';
  if (!claimPlace(db, occurrenceId, contactId, name, now)) return 'full';
  db.prepare('DELETE FROM gathering_waitlist WHERE occurrence_id = ? AND contact_id = ?').run(occurrenceId, contactId);
  planReminders(db, o, contactId, now, s.offsets);
  return 'ok';
}

export type WaitlistOutcome = { outcome: 'waiting'; position: number } | { outcome: 'signedUp' } | { outcome: 'gone' };

/** Puts the contact on the waitlist; if a place freed up meanwhile, signs them up instead. */
export function joinWaitlist(db: DB, occurrenceId: number, contactId: number, name: string | null, now: number, s: GatheringSettings): WaitlistOutcome {
  const got = signUp(db, occurrenceId, contactId, name, now, s);
  if (got === 'gone') return { outcome: 'gone' };
  if (got === 'ok' || got === 'already') return { outcome: 'signedUp' };
  db.prepare('INSERT OR IGNORE INTO gathering_waitlist (occurrence_id, contact_id, name, created_at) VALUES (?, ?, ?, ?)').run(occurrenceId, contactId, name, now);
  return { outcome: 'waiting', position: waitlistPosition(db, occurrenceId, contactId) };
}

/** Gives free places to the first people on the waitlist and tells each; returns how many got one. */
export function fillFromWaitlist(db: DB, occurrenceId: number, now: number, notify: NotifyContact, s: GatheringSettings): number {
  const o = open(db, occurrenceId, now);
  if (!o) return 0;
  const waiting = db
    .prepare('SELECT contact_id, name FROM gathering_waitlist WHERE occurrence_id = ? ORDER BY created_at, contact_id')
    .all(occurrenceId) as { contact_id: number; name: string | null }[];
  let given = 0;
  for (const w of waiting) {
    if (!claimPlace(db, occurrenceId, w.contact_id, w.name, now)) break;
    db.prepare('DELETE FROM gathering_waitlist WHERE occurrence_id = ? AND contact_id = ?').run(occurrenceId, w.contact_id);
    planReminders(db, o, w.contact_id, now, s.offsets);
    const vars = sessionNoticeVars(db, o, w.contact_id, s, true);
    if (vars) notify(w.contact_id, { text: { key: 'sessions.notice.promoted', vars } });
    given++;
  }
  return given;
}

export type CancelSignUpOutcome = 'ok' | 'left' | 'none' | 'gone';

/**
 * Cancels the contact's sign-up (or takes them off the waitlist): the place goes to the first on the
 * waitlist, who is told. 'left': was only waiting; 'none': neither signed up nor waiting.
 */
export function cancelSignUp(db: DB, occurrenceId: number, contactId: number, now: number, notify: NotifyContact, s: GatheringSettings): CancelSignUpOutcome {
  const o = open(db, occurrenceId, now);
  if (!o) return 'gone';
  const st = signUpState(db, occurrenceId, contactId);
  if (st.state === 'waiting') {
    db.prepare('DELETE FROM gathering_waitlist WHERE occurrence_id = ? AND contact_id = ?').run(occurrenceId, contactId);
    return 'left';
  }
  if (st.state === 'none') return 'none';
  db.prepare("UPDATE gathering_rsvps SET answer = 'no', updated_at = ? WHERE occurrence_id = ? AND contact_id = ?").run(now, occurrenceId, contactId);
  voidReminders(db, occurrenceId, contactId);
  fillFromWaitlist(db, occurrenceId, now, notify, s);
  return 'ok';
}

/** One person signed up or waiting, for officers. */
export interface SignUpRow {
  contactId: number;
  name: string | null;
  channel: string;
  chatId: string;
  language: string | null;
  at: number;
  /** 'signedUp', or 'waiting' with the position. */
  status: 'signedUp' | 'waiting';
  position: number | null;
}

/** Everyone signed up (in sign-up order), then the waitlist in order. */
export function signUpsOf(db: DB, occurrenceId: number): SignUpRow[] {
  const yes = db
    .prepare(
      `SELECT r.contact_id, r.name, c.channel, c.chat_id, c.language, r.updated_at AS at FROM gathering_rsvps r JOIN contacts c ON c.id = r.contact_id
       WHERE r.occurrence_id = ? AND r.answer = 'yes' ORDER BY r.updated_at, r.contact_id`,
    )
    .all(occurrenceId) as { contact_id: number; name: string | null; channel: string; chat_id: string; language: string | null; at: number }[];
  const waiting = db
    .prepare(
      `SELECT w.contact_id, w.name, c.channel, c.chat_id, c.language, w.created_at AS at FROM gathering_waitlist w JOIN contacts c ON c.id = w.contact_id
       WHERE w.occurrence_id = ? ORDER BY w.created_at, w.contact_id`,
    )
    .all(occurrenceId) as typeof yes;
  const row = (r: (typeof yes)[number], status: SignUpRow['status'], position: number | null): SignUpRow => ({
    contactId: r.contact_id,
    name: r.name,
    channel: r.channel,
    chatId: r.chat_id,
    language: r.language,
    at: r.at,
    status,
    position,
  });
  return [...yes.map((r) => row(r, 'signedUp', null)), ...waiting.map((r, i) => row(r, 'waiting', i + 1))];
}

/** How many wait for a place. */
export function waitlistCount(db: DB, occurrenceId: number): number {
  return db.prepare('SELECT COUNT(*) FROM gathering_waitlist WHERE occurrence_id = ?').pluck().get(occurrenceId) as number;
}

export interface SessionEdit {
  title: Record<string, string> & { id: string };
  place: string | null;
  link: string;
  durationMin: number;
  quota: number;
}

export type EditOutcome = { outcome: 'ok'; promoted: number } | { outcome: 'belowSignUps'; signedUp: number } | { outcome: 'gone' };

/**
 * Changes a session's title, place, link, duration or quota. The quota may not go below the people
 * already signed up; a higher quota gives the new places to the waitlist (each told). A new place
 * or link is told to everyone signed up. Moving the start is moveOccurrence (notices.ts).
 */
export function editSession(db: DB, occurrenceId: number, e: SessionEdit, now: number, notify: NotifyContact, s: GatheringSettings): EditOutcome {
  const o = open(db, occurrenceId, now);
  if (!o) return { outcome: 'gone' };
  const signedUp = counts(db, occurrenceId).yes;
  if (e.quota < signedUp) return { outcome: 'belowSignUps', signedUp };
  db.prepare('UPDATE gatherings SET title = ?, place = ?, link = ?, duration_min = ?, capacity = ?, updated_at = ? WHERE id = ?').run(
    JSON.stringify(e.title),
    e.place,
    e.link,
    e.durationMin,
    e.quota,
    now,
    o.gatheringId,
  );
  db.prepare('UPDATE gathering_occurrences SET duration_min = ?, updated_at = ? WHERE id = ?').run(e.durationMin, now, occurrenceId);
  if ((e.place ?? null) !== (o.place ?? null) || e.link !== o.link) {
    const changed = getOccurrence(db, occurrenceId)!;
    const told = db.prepare("SELECT contact_id FROM gathering_rsvps WHERE occurrence_id = ? AND answer = 'yes' ORDER BY contact_id").pluck().all(occurrenceId) as number[];
    for (const cid of told) {
      const vars = sessionNoticeVars(db, changed, cid, s, true);
      if (vars) notify(cid, { text: { key: 'sessions.notice.placeChanged', vars } });
    }
  }
  return { outcome: 'ok', promoted: fillFromWaitlist(db, occurrenceId, now, notify, s) };
}

/** A contact's own sign-ups and waitlist places for sessions not yet over (for "my data"). */
export function sessionsOfContact(db: DB, contactId: number, now: number): { o: Occurrence; name: string | null; waiting: boolean }[] {
  const rows = db
    .prepare(
      `SELECT r.occurrence_id AS occ, r.name, 0 AS waiting FROM gathering_rsvps r WHERE r.contact_id = ? AND r.answer = 'yes'
       UNION ALL SELECT w.occurrence_id, w.name, 1 FROM gathering_waitlist w WHERE w.contact_id = ?`,
    )
    .all(contactId, contactId) as { occ: number; name: string | null; waiting: number }[];
  return rows
    .map((r) => ({ o: getSession(db, r.occ), name: r.name, waiting: r.waiting === 1 }))
    .filter((r): r is { o: Occurrence; name: string | null; waiting: boolean } => !!r.o && r.o.state === 'scheduled' && !hasEnded(r.o, now))
    .sort((a, b) => a.o.startsAt - b.o.startsAt);
}
