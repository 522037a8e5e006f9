import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { calendarLabel, homeDay } from './clock.js';

const ZONES = ['Asia/Jakarta', 'UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'Pacific/Chatham', 'No/Such_Zone'];
const HOUR = 3_600_000;

describe('calendarLabel', () => {
  it('says what luxon says, hour by hour over a year (DST changes, half-hour zones, an invalid zone)', () => {
    const start = Date.UTC(2026, 0, 1);
    for (const zone of ZONES) {
      for (let t = start; t < start + 366 * 24 * HOUR; t += HOUR - 61_000) {
        const at = DateTime.fromMillis(t, { zone });
        expect(calendarLabel(t, zone, 'yyMM', 'month')).toBe(at.toFormat('yyMM'));
        expect(homeDay(t, zone)).toBe(at.toFormat('yyyy-MM-dd'));
      }
    }
  });

  it('is right when time goes backwards (a clock set by hand) and around local midnight', () => {
    const midnight = DateTime.fromISO('2026-11-27T00:00:00', { zone: 'Asia/Jakarta' }).toMillis();
    expect(homeDay(midnight, 'Asia/Jakarta')).toBe('2026-11-27');
    expect(homeDay(midnight - 1, 'Asia/Jakarta')).toBe('2026-11-26');
    expect(homeDay(midnight, 'Asia/Jakarta')).toBe('2026-11-27');
    expect(homeDay(midnight - 1, 'UTC')).toBe('2026-11-26');
  });
});
