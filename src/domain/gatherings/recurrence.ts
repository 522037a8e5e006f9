/** Pure recurrence rules: one-off, weekly, or monthly on the n-th weekday, in the home time zone. */
import { DateTime } from 'luxon';

export const RECURRENCES = ['once', 'weekly', 'monthly'] as const;
export type Recurrence = (typeof RECURRENCES)[number];

/** Occurrences are materialized this far ahead of now (or of the first start). */
export const HORIZON_DAYS = 92;
/** Never materialize more than this many occurrences of one series at once. */
export const MAX_SLOTS = 60;

export interface Rule {
  /** First start as ISO local time in `timezone`, e.g. 2026-12-06T14:00. */
  startLocal: string;
  timezone: string;
  recurrence: Recurrence;
  /** Monthly: 1..4, or -1 for the last such weekday of the month. */
  nth: number | null;
  /** Optional last local day (ISO date) of a series. */
  untilLocal: string | null;
}

/** Parses a local time in a zone; null when it is not a valid time. */
export function parseLocal(text: string, zone: string): DateTime | null {
  const t = text.trim().replace(' ', 'T');
  const dt = DateTime.fromISO(t, { zone });
  return dt.isValid ? dt : null;
}

/** The n-th weekday of the month a date falls on (1..4), or -1 when it is the last and fifth one. */
export function nthWeekdayOf(dt: DateTime): number {
  const n = Math.ceil(dt.day / 7);
  return n >= 5 ? -1 : n;
}

/** The n-th (or last, n = -1) `weekday` of a month, at the given local hour and minute. */
function nthWeekdayInMonth(month: DateTime, weekday: number, nth: number, hour: number, minute: number): DateTime | null {
  const first = month.startOf('month').set({ hour, minute, second: 0, millisecond: 0 });
  if (nth === -1) {
    let d = first.endOf('month').set({ hour, minute, second: 0, millisecond: 0 });
    while (d.weekday !== weekday) d = d.minus({ days: 1 });
    return d;
  }
  let d = first;
  while (d.weekday !== weekday) d = d.plus({ days: 1 });
  d = d.plus({ weeks: nth - 1 });
  return d.month === first.month ? d : null;
}

/** Start times (ms UTC) the rule gives in [fromMs, toMs), in order, at most MAX_SLOTS. */
export function slotsBetween(rule: Rule, fromMs: number, toMs: number): number[] {
  const start = parseLocal(rule.startLocal, rule.timezone);
  if (!start) return [];
  const until = rule.untilLocal ? DateTime.fromISO(rule.untilLocal, { zone: rule.timezone }).endOf('day') : null;
  const out: number[] = [];
  const take = (d: DateTime): boolean => {
    const ms = d.toMillis();
    if (ms >= toMs || (until && d > until) || out.length >= MAX_SLOTS) return false;
    if (ms >= fromMs && ms >= start.toMillis()) out.push(ms);
    return true;
  };
  if (rule.recurrence === 'once') {
    take(start);
    return out;
  }
  if (rule.recurrence === 'weekly') {
    // Skip whole weeks before `fromMs` so an old series does not walk from its first start.
    const skip = Math.max(0, Math.floor((fromMs - start.toMillis()) / (7 * 86400_000)) - 1);
    for (let i = skip; ; i++) if (!take(start.plus({ weeks: i }))) break;
    return out;
  }
  const nth = rule.nth ?? nthWeekdayOf(start);
  const skip = Math.max(0, Math.floor(DateTime.fromMillis(fromMs, { zone: rule.timezone }).diff(start, 'months').months) - 1);
  for (let i = skip; i < skip + MAX_SLOTS * 2; i++) {
    const d = nthWeekdayInMonth(start.plus({ months: i }), start.weekday, nth, start.hour, start.minute);
    if (d && !take(d)) break;
  }
  return out;
}

/** The same local day as `slotMs` at a new local time "HH:mm" (for moving a whole series). */
export function atLocalTime(slotMs: number, zone: string, hhmm: string): number {
  const [hour, minute] = hhmm.split(':').map(Number);
  return DateTime.fromMillis(slotMs, { zone }).set({ hour, minute, second: 0, millisecond: 0 }).toMillis();
}
