import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { nthWeekdayOf, slotsBetween, type Rule } from './recurrence.js';

const TZ = 'Asia/Jakarta';
const local = (ms: number) => DateTime.fromMillis(ms, { zone: TZ }).toFormat("ccc yyyy-LL-dd HH:mm");
const at = (iso: string) => DateTime.fromISO(iso, { zone: TZ }).toMillis();

describe('recurrence', () => {
  it('a weekly series repeats on the same weekday and local time', () => {
    const rule: Rule = { startLocal: '2026-12-06T14:00', timezone: TZ, recurrence: 'weekly', nth: null, untilLocal: null };
    expect(slotsBetween(rule, at('2026-11-27T00:00'), at('2027-01-01T00:00')).map(local)).toEqual([
      'Sun 2026-12-06 14:00',
      'Sun 2026-12-13 14:00',
      'Sun 2026-12-20 14:00',
      'Sun 2026-12-27 14:00',
    ]);
  });

  it('a monthly series falls on the n-th weekday of each month (2nd Sunday)', () => {
    expect(nthWeekdayOf(DateTime.fromISO('2026-12-13T14:00', { zone: TZ }))).toBe(2);
    const rule: Rule = { startLocal: '2026-12-13T14:00', timezone: TZ, recurrence: 'monthly', nth: 2, untilLocal: null };
    expect(slotsBetween(rule, at('2026-11-27T00:00'), at('2027-04-01T00:00')).map(local)).toEqual([
      'Sun 2026-12-13 14:00',
      'Sun 2027-01-10 14:00',
      'Sun 2027-02-14 14:00',
      'Sun 2027-03-14 14:00',
    ]);
  });

  it('a start in the fifth week means the last such weekday of every month', () => {
    const start = DateTime.fromISO('2026-11-29T09:00', { zone: TZ });
    expect(nthWeekdayOf(start)).toBe(-1);
    const rule: Rule = { startLocal: '2026-11-29T09:00', timezone: TZ, recurrence: 'monthly', nth: -1, untilLocal: null };
    expect(slotsBetween(rule, at('2026-11-01T00:00'), at('2027-02-01T00:00')).map(local)).toEqual([
      'Sun 2026-11-29 09:00',
      'Sun 2026-12-27 09:00',
      'Sun 2027-01-31 09:00',
    ]);
  });

  it('stops at the last day of a series and gives a one-off once', () => {
    const weekly: Rule = { startLocal: '2026-12-06T14:00', timezone: TZ, recurrence: 'weekly', nth: null, untilLocal: '2026-12-13' };
    expect(slotsBetween(weekly, 0, at('2027-06-01T00:00')).map(local)).toEqual(['Sun 2026-12-06 14:00', 'Sun 2026-12-13 14:00']);
    const once: Rule = { startLocal: '2026-12-06T14:00', timezone: TZ, recurrence: 'once', nth: null, untilLocal: null };
    expect(slotsBetween(once, 0, at('2027-06-01T00:00'))).toHaveLength(1);
    expect(slotsBetween(once, at('2026-12-07T00:00'), at('2027-06-01T00:00'))).toHaveLength(0);
  });
});
