/**
 * Storage of gatherings, their occurrences and answers (RSVPs). Synchronous; callers run these
 * inside a transaction (a conversation turn, an API request, the scheduler). Recording an answer is
 * answers.ts; reminder planning reminderPlan.ts; cancelling or moving, with the notices to those
 * who said yes, notices.ts; programme sessions (a programme, a place, a quota) sessions.ts.
 */
import type { Lang } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import { HORIZON_DAYS, type Recurrence, type Rule, nthWeekdayOf, parseLocal, slotsBetween } from './recurrence.js';

export const ANSWERS = ['yes', 'no', 'maybe'] as const;
export type Answer = (typeof ANSWERS)[number];
export const AUDIENCES = ['family', 'worker', 'everyone'] as const;
export type GatheringAudience = (typeof AUDIENCES)[number];

export interface NewGathering {
  title: Partial<Record<Lang, string>> & { id: string };
  /** ISO local time in `timezone` (the home time zone). */
  startLocal: string;
  timezone: string;
  durationMin: number;
  link: string;
  audience: GatheringAudience;
  country: string | null;
  capacity: number | null;
  recurrence: Recurrence;
  untilLocal?: string | null;
  createdBy: string;
  /** Programme id (data/programs.json) for a programme session; absent or null: a family gathering. */
  program?: string | null;
  /** Where a programme session is held; absent or null: online only. */
  place?: string | null;
}

export interface Occurrence {
  id: number;
  gatheringId: number;
  title: Record<string, string>;
  startsAt: number;
  durationMin: number;
  link: string;
  audience: GatheringAudience;
  country: string | null;
  capacity: number | null;
  recurrence: Recurrence;
  nth: number | null;
  state: 'scheduled' | 'cancelled';
  /** Programme id for a programme session, null for a family gathering. */
  program: string | null;
  place: string | null;
}

export interface Counts {
  yes: number;
  no: number;
  maybe: number;
}

const OCC_SELECT = `SELECT o.id, o.gathering_id, o.starts_at, o.duration_min, o.state, g.title, g.link, g.audience,
  g.country, g.capacity, g.recurrence, g.nth, g.program, g.place FROM gathering_occurrences o JOIN gatherings g ON g.id = o.gathering_id`;

interface OccRow {
  id: number;
  gathering_id: number;
  starts_at: number;
  duration_min: number;
  state: 'scheduled' | 'cancelled';
  title: string;
  link: string;
  audience: GatheringAudience;
  country: string | null;
  capacity: number | null;
  recurrence: Recurrence;
  nth: number | null;
  program: string | null;
  place: string | null;
}

function toOcc(r: OccRow): Occurrence {
  return {
    id: r.id,
    gatheringId: r.gathering_id,
    title: JSON.parse(r.title) as Record<string, string>,
    startsAt: r.starts_at,
    durationMin: r.duration_min,
    link: r.link,
    audience: r.audience,
    country: r.country,
    capacity: r.capacity,
    recurrence: r.recurrence,
    nth: r.nth,
    state: r.state,
    program: r.program,
    place: r.place,
  };
}

/** True once the occurrence is over (answers no longer change). */
export function hasEnded(o: Occurrence, now: number): boolean {
  return o.startsAt + o.durationMin * 60_000 <= now;
}

export interface GatheringRow {
  id: number;
  start_local: string;
  timezone: string;
  recurrence: Recurrence;
  nth: number | null;
  until_local: string | null;
  state: string;
  title: string;
}

function ruleOf(g: GatheringRow): Rule {
  return { startLocal: g.start_local, timezone: g.timezone, recurrence: g.recurrence, nth: g.nth, untilLocal: g.until_local };
}

/** Adds the occurrences the rule gives up to the horizon (existing ones, moved or cancelled, stay). */
function materialize(db: DB, g: GatheringRow, now: number): void {
  const first = parseLocal(g.start_local, g.timezone)?.toMillis() ?? now;
  const to = Math.max(now, first) + HORIZON_DAYS * 86400_000;
  const duration = db.prepare('SELECT duration_min FROM gatherings WHERE id = ?').pluck().get(g.id) as number;
  const ins = db.prepare(
    'INSERT OR IGNORE INTO gathering_occurrences (gathering_id, slot_at, starts_at, duration_min, updated_at) VALUES (?, ?, ?, ?, ?)',
  );
  for (const slot of slotsBetween(ruleOf(g), now, to)) ins.run(g.id, slot, slot, duration, now);
}

/** Creates a gathering and its first occurrences; returns the new id. */
export function createGathering(db: DB, input: NewGathering, now: number): number {
  const start = parseLocal(input.startLocal, input.timezone);
  if (!start) throw new Error(`start "${input.startLocal}" is not a valid local time`);
  const nth = input.recurrence === 'monthly' ? nthWeekdayOf(start) : null;
  const id = Number(
    db
      .prepare(
        `INSERT INTO gatherings (title, start_local, timezone, duration_min, link, audience, country, capacity, recurrence, nth,
           until_local, created_by, created_at, updated_at, program, place) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        JSON.stringify(input.title),
        start.toFormat("yyyy-LL-dd'T'HH:mm"),
        input.timezone,
        input.durationMin,
        input.link,
        input.audience,
        input.country,
        input.capacity,
        input.recurrence,
        nth,
        input.untilLocal ?? null,
        input.createdBy,
        now,
        now,
        input.program ?? null,
        input.place ?? null,
      ).lastInsertRowid,
  );
  materialize(db, gatheringRow(db, id)!, now);
  return id;
}

/** The stored gathering (series) row. */
export function gatheringRow(db: DB, id: number): GatheringRow | undefined {
  return db.prepare('SELECT * FROM gatherings WHERE id = ?').get(id) as GatheringRow | undefined;
}

/** Keeps every active series materialized up to the horizon (run by the scheduler). */
export function extendSeries(db: DB, now: number): void {
  const rows = db.prepare("SELECT * FROM gatherings WHERE state = 'active' AND recurrence != 'once'").all() as GatheringRow[];
  for (const g of rows) materialize(db, g, now);
}

/** One occurrence with its gathering's fields. */
export function getOccurrence(db: DB, id: number): Occurrence | undefined {
  const r = db.prepare(`${OCC_SELECT} WHERE o.id = ?`).get(id) as OccRow | undefined;
  return r && toOcc(r);
}

/** The first `limit` occurrences of a gathering in time order, whatever their state. */
export function occurrencesOf(db: DB, gatheringId: number, limit: number): Occurrence[] {
  return (db.prepare(`${OCC_SELECT} WHERE o.gathering_id = ? ORDER BY o.starts_at LIMIT ?`).all(gatheringId, limit) as OccRow[]).map(toOcc);
}

/** Who a listing is for: hides gatherings meant for another audience or destination. */
export interface AudienceFilter {
  audience: string | null;
  country: string | null;
}

/** SQL for "family gatherings only" (program null) or one programme's sessions. */
function programClause(program: string | null): { sql: string; params: string[] } {
  return program === null ? { sql: ' AND g.program IS NULL', params: [] } : { sql: ' AND g.program = ?', params: [program] };
}

/**
 * Scheduled occurrences not yet over, soonest first; with a filter, only those meant for the viewer.
 * Family gatherings only, unless `program` names a programme: then only that programme's sessions.
 */
export function upcoming(db: DB, now: number, limit: number, filter?: AudienceFilter, program: string | null = null): Occurrence[] {
  const prog = programClause(program);
  let sql = `${OCC_SELECT} WHERE o.state = 'scheduled' AND o.starts_at + o.duration_min * 60000 > ?${prog.sql}`;
  const params: (string | number | null)[] = [now, ...prog.params];
  if (filter) {
    // Unknown audience or country sees everything rather than nothing.
    sql += " AND (g.audience = 'everyone' OR ? IS NULL OR g.audience = ?) AND (g.country IS NULL OR ? IS NULL OR g.country = ?)";
    params.push(filter.audience, filter.audience, filter.country, filter.country);
  }
  sql += ' ORDER BY o.starts_at, o.id LIMIT ?';
  params.push(limit);
  return (db.prepare(sql).all(...params) as OccRow[]).map(toOcc);
}

/** Occurrences that ended since `sinceMs`, latest first (for attendance); family gatherings unless `program` is given. */
export function recentlyEnded(db: DB, now: number, sinceMs: number, limit: number, program: string | null = null): Occurrence[] {
  const prog = programClause(program);
  return (
    db
      .prepare(`${OCC_SELECT} WHERE o.state = 'scheduled' AND o.starts_at + o.duration_min * 60000 <= ? AND o.starts_at >= ?${prog.sql} ORDER BY o.starts_at DESC LIMIT ?`)
      .all(now, sinceMs, ...prog.params, limit) as OccRow[]
  ).map(toOcc);
}

/** Family gatherings the contact answered that are not over yet, soonest first. */
export function answeredBy(db: DB, contactId: number, now: number, limit: number): Occurrence[] {
  return (
    db
      .prepare(
        `${OCC_SELECT} JOIN gathering_rsvps r ON r.occurrence_id = o.id AND r.contact_id = ?
         WHERE o.state = 'scheduled' AND o.starts_at + o.duration_min * 60000 > ? AND g.program IS NULL ORDER BY o.starts_at LIMIT ?`,
      )
      .all(contactId, now, limit) as OccRow[]
  ).map(toOcc);
}

/** Answers to one occurrence, by kind. */
export function counts(db: DB, occurrenceId: number): Counts {
  const out: Counts = { yes: 0, no: 0, maybe: 0 };
  const rows = db.prepare('SELECT answer, COUNT(*) AS n FROM gathering_rsvps WHERE occurrence_id = ? GROUP BY answer').all(occurrenceId) as {
    answer: Answer;
    n: number;
  }[];
  for (const r of rows) out[r.answer] = r.n;
  return out;
}

/** The contact's answer to one occurrence, or null. */
export function answerOf(db: DB, occurrenceId: number, contactId: number): Answer | null {
  return (db.prepare('SELECT answer FROM gathering_rsvps WHERE occurrence_id = ? AND contact_id = ?').pluck().get(occurrenceId, contactId) as Answer) ?? null;
}

/** Contacts who said yes to an occurrence, in id order. */
export function yesContacts(db: DB, occurrenceId: number): number[] {
  return db.prepare("SELECT contact_id FROM gathering_rsvps WHERE occurrence_id = ? AND answer = 'yes' ORDER BY contact_id").pluck().all(occurrenceId) as number[];
}

/** Family gathering series (not cancelled) with their next occurrences and counts, for the officer API. */
export function listSeries(db: DB, now: number): { id: number; title: Record<string, string>; recurrence: Recurrence; audience: GatheringAudience; country: string | null; capacity: number | null; link: string; state: string; next: (Occurrence & { counts: Counts })[] }[] {
  const rows = db.prepare("SELECT * FROM gatherings WHERE state = 'active' AND program IS NULL ORDER BY id").all() as (GatheringRow & {
    audience: GatheringAudience;
    country: string | null;
    capacity: number | null;
    link: string;
  })[];
  return rows.map((g) => ({
    id: g.id,
    title: JSON.parse(g.title) as Record<string, string>,
    recurrence: g.recurrence,
    audience: g.audience,
    country: g.country,
    capacity: g.capacity,
    link: g.link,
    state: g.state,
    next: (
      db.prepare(`${OCC_SELECT} WHERE o.gathering_id = ? AND o.starts_at + o.duration_min * 60000 > ? ORDER BY o.starts_at LIMIT 5`).all(g.id, now) as OccRow[]
    ).map((r) => ({ ...toOcc(r), counts: counts(db, r.id) })),
  }));
}

/** True when an active gathering has this id. */
export function gatheringExists(db: DB, id: number): boolean {
  return db.prepare("SELECT 1 FROM gatherings WHERE id = ? AND state = 'active'").get(id) !== undefined;
}

/** Future occurrences of a series that are still scheduled, soonest first. */
export function futureOfSeries(db: DB, gatheringId: number, now: number): Occurrence[] {
  return (
    db.prepare(`${OCC_SELECT} WHERE o.gathering_id = ? AND o.state = 'scheduled' AND o.starts_at > ? ORDER BY o.starts_at`).all(gatheringId, now) as OccRow[]
  ).map(toOcc);
}
