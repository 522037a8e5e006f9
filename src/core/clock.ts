/** Time is passed in, so tests control it. */
import { DateTime } from 'luxon';

/** Calendar labels remembered (zone × format); far more than the app uses, a bound against misuse. */
const MAX_CALENDAR_LABELS = 64;

export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private t: number = Date.UTC(2026, 10, 27, 3, 0, 0)) {}
  now(): number {
    return this.t;
  }
  set(t: number): void {
    this.t = t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}

/** The calendar date (YYYY-MM-DD) at `now` in `zone`: licenses expire and lookups count by the home calendar. */
export function homeDay(now: number, zone: string): string {
  return calendarLabel(now, zone, 'yyyy-MM-dd', 'day');
}

const calendarLabels = new Map<string, { from: number; to: number; label: string }>();

/**
 * `now` formatted in `zone` with a format naming nothing finer than `unit` (a day's date, a
 * month's YYMM). Luxon costs ~50 µs a call; the label is the same over the whole local day or
 * month, so it is remembered with that span (luxon's own start and end, DST included) and only
 * computed again outside it. An invalid zone is never remembered (its span is NaN).
 */
export function calendarLabel(now: number, zone: string, format: string, unit: 'day' | 'month'): string {
  const key = `${zone}\u0000${format}`;
  const hit = calendarLabels.get(key);
  if (hit && now >= hit.from && now <= hit.to) return hit.label;
  const at = DateTime.fromMillis(now, { zone });
  const label = at.toFormat(format);
  if (calendarLabels.size >= MAX_CALENDAR_LABELS) calendarLabels.clear();
  calendarLabels.set(key, { from: at.startOf(unit).toMillis(), to: at.endOf(unit).toMillis(), label });
  return label;
}
