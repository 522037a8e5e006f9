/** The numbers behind the dashboard overview: contacts, messages, cases, agency lookups, gatherings (read-only queries). */
import { DateTime } from 'luxon';
import type { Lang } from '../../core/types.js';
import { type CaseKind, OPEN_STATUSES } from '../cases/categories.js';
import { topLookups } from '../agencies/lookups.js';
import { type Counts, counts, recentlyEnded, upcoming, type Occurrence } from '../gatherings/store.js';
import type { DB } from '../../store/db.js';

/** Days shown in the messages-per-day chart. */
export const MESSAGE_DAYS = 14;

/** Contacts per chosen language (null: not chosen yet). */
export function contactsByLanguage(db: DB): { language: Lang | null; n: number }[] {
  return db.prepare('SELECT language, COUNT(*) AS n FROM contacts GROUP BY language ORDER BY n DESC, language').all() as { language: Lang | null; n: number }[];
}

/** Contacts who came through the web chat. */
export function webchatContacts(db: DB): number {
  return db.prepare("SELECT COUNT(*) FROM contacts WHERE channel = 'webchat'").pluck().get() as number;
}

/** Messages delivered since a time. */
export function sentSince(db: DB, since: number): number {
  return db.prepare("SELECT COUNT(*) FROM outbox WHERE state = 'sent' AND sent_at >= ?").pluck().get(since) as number;
}

/** Messages queued per local day for the last `days` days, oldest first, zero-filled. */
export function messagesPerDay(db: DB, now: number, zone: string, days = MESSAGE_DAYS): { day: string; n: number }[] {
  const start = DateTime.fromMillis(now, { zone }).startOf('day').minus({ days: days - 1 });
  const perDay = new Map<string, number>();
  for (let i = 0; i < days; i++) perDay.set(start.plus({ days: i }).toISODate()!, 0);
  const rows = db.prepare('SELECT created_at FROM outbox WHERE created_at >= ?').pluck().all(start.toMillis()) as number[];
  for (const at of rows) {
    const day = DateTime.fromMillis(at, { zone }).toISODate()!;
    if (perDay.has(day)) perDay.set(day, perDay.get(day)! + 1);
  }
  return [...perDay].map(([day, n]) => ({ day, n }));
}

/** Whether a category's cases are complaints or assistance requests (complaint when none exist). */
export function categoryKind(db: DB, category: string): CaseKind {
  return (db.prepare('SELECT kind FROM cases WHERE category = ? LIMIT 1').pluck().get(category) as CaseKind | undefined) ?? 'complaint';
}

/** Weeks in the cases-per-week chart. */
export const CASE_WEEKS = 8;
/** Categories drawn separately in that chart; the rest are summed as "other". */
export const TOP_CATEGORIES = 5;
/** Days of agency lookups counted. */
export const LOOKUP_DAYS = 30;
/** Names in the "looked up, not found" chart. */
export const TOP_NOT_FOUND = 8;
/** Gatherings in the attendance chart (latest ended and next ones). */
export const ATTENDANCE_GATHERINGS = 8;
const ATTENDANCE_DAYS = 90;

/** Open-case age buckets, upper bounds in hours (the last is open-ended). */
export const AGE_BUCKETS = [
  { key: 'day', maxHours: 24 },
  { key: 'days3', maxHours: 72 },
  { key: 'week', maxHours: 168 },
  { key: 'weeks4', maxHours: 672 },
  { key: 'older', maxHours: Infinity },
] as const;

/** Cases per local week (Monday first), split by category; categories ranked by total. */
export function casesPerWeek(db: DB, now: number, zone: string, weeks = CASE_WEEKS): { weeks: string[]; categories: string[]; values: number[][] } {
  const start = DateTime.fromMillis(now, { zone }).startOf('week').minus({ weeks: weeks - 1 });
  const rows = db.prepare('SELECT category, kind, created_at FROM cases WHERE created_at >= ?').all(start.toMillis()) as { category: string; kind: string; created_at: number }[];
  const totals = new Map<string, number>();
  for (const r of rows) totals.set(r.category, (totals.get(r.category) ?? 0) + 1);
  const ranked = [...totals].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([c]) => c);
  const top = ranked.slice(0, TOP_CATEGORIES);
  const categories = ranked.length > TOP_CATEGORIES ? [...top, '*other'] : top;
  const values = Array.from({ length: weeks }, () => categories.map(() => 0));
  for (const r of rows) {
    const w = Math.floor(DateTime.fromMillis(r.created_at, { zone }).startOf('week').diff(start, 'weeks').weeks + 1e-9);
    if (w < 0 || w >= weeks) continue;
    const i = top.includes(r.category) ? top.indexOf(r.category) : categories.length - 1;
    values[w][i]++;
  }
  return { weeks: Array.from({ length: weeks }, (_, i) => start.plus({ weeks: i }).toFormat('d/M')), categories, values };
}

/** Cases per destination country code (null: not given), most first. */
export function casesByCountry(db: DB): { country: string | null; n: number }[] {
  return db.prepare('SELECT country, COUNT(*) AS n FROM cases GROUP BY country ORDER BY n DESC, country').all() as { country: string | null; n: number }[];
}

/** Open cases per age bucket. */
export function openCasesByAge(db: DB, now: number): { key: string; n: number }[] {
  const marks = OPEN_STATUSES.map(() => '?').join(',');
  const created = db.prepare(`SELECT created_at FROM cases WHERE status IN (${marks})`).pluck().all(...OPEN_STATUSES) as number[];
  const out = AGE_BUCKETS.map((b) => ({ key: b.key, n: 0 }));
  for (const at of created) {
    const hours = (now - at) / 3600_000;
    out[AGE_BUCKETS.findIndex((b) => hours < b.maxHours)].n++;
  }
  return out;
}

/** Open cases marked urgent. */
export function urgentOpenCases(db: DB): number {
  return db.prepare(`SELECT COUNT(*) FROM cases WHERE urgent = 1 AND status IN (${OPEN_STATUSES.map(() => '?').join(',')})`).pluck().get(...OPEN_STATUSES) as number;
}

/** Names looked up in the agency check that matched nothing, most asked first. */
export function notFoundLookups(db: DB, sinceDay: string, limit = TOP_NOT_FOUND): { query: string; count: number }[] {
  return topLookups(db, sinceDay, 2000)
    .filter((l) => l.result === 'not_found')
    .slice(0, limit)
    .map((l) => ({ query: l.query, count: l.count }));
}

/** Answers per gathering: the latest that ended (90 days) and the next ones, oldest first. */
export function attendance(db: DB, now: number, limit = ATTENDANCE_GATHERINGS): (Occurrence & { counts: Counts })[] {
  const past = recentlyEnded(db, now, now - ATTENDANCE_DAYS * 86400_000, limit).reverse();
  const next = upcoming(db, now, limit);
  return [...past, ...next].slice(-limit).map((o) => ({ ...o, counts: counts(db, o.id) }));
}
