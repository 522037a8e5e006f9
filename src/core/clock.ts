/** Time is passed in, so tests control it. */
import { DateTime } from 'luxon';

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
  return DateTime.fromMillis(now, { zone }).toFormat('yyyy-MM-dd');
}
