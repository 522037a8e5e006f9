import { describe, expect, it } from 'vitest';
import { DateTime } from 'luxon';
import { localClock, nextSafeTime } from './safeTime.js';

const at = (iso: string, zone: string) => DateTime.fromISO(iso, { zone }).toMillis();
const show = (ms: number | null, zone: string) => (ms === null ? null : DateTime.fromMillis(ms, { zone }).toFormat('ccc yyyy-LL-dd HH:mm'));

describe('nextSafeTime', () => {
  it('is null inside the window and the next opening outside it, in the worker’s zone', () => {
    const hk = 'Asia/Hong_Kong';
    // Friday 11:00 in Hong Kong.
    const now = at('2026-11-27T11:00', hk);
    expect(show(nextSafeTime('late_night', hk, now), hk)).toBe('Fri 2026-11-27 21:00');
    expect(show(nextSafeTime('evening', hk, now), hk)).toBe('Fri 2026-11-27 18:00');
    expect(show(nextSafeTime('morning', hk, now), hk)).toBe('Sat 2026-11-28 06:00');
    expect(nextSafeTime('afternoon', hk, at('2026-11-27T12:00', hk))).toBeNull();
    expect(nextSafeTime('late_night', hk, at('2026-11-27T23:59', hk))).toBeNull();
    expect(show(nextSafeTime('afternoon', hk, at('2026-11-27T15:00', hk)), hk)).toBe('Sat 2026-11-28 12:00');
  });

  it('weekends are Saturday and Sunday, but Friday and Saturday in Saudi Arabia', () => {
    const tw = 'Asia/Taipei';
    expect(show(nextSafeTime('weekend', tw, at('2026-11-27T11:00', tw)), tw)).toBe('Sat 2026-11-28 08:00');
    expect(nextSafeTime('weekend', tw, at('2026-11-29T19:59', tw))).toBeNull();
    expect(show(nextSafeTime('weekend', tw, at('2026-11-29T20:00', tw)), tw)).toBe('Sat 2026-12-05 08:00');
    const sa = 'Asia/Riyadh';
    expect(nextSafeTime('weekend', sa, at('2026-11-27T11:00', sa))).toBeNull(); // Friday
    expect(show(nextSafeTime('weekend', sa, at('2026-11-29T11:00', sa)), sa)).toBe('Fri 2026-12-04 08:00'); // Sunday is a work day
  });

  it('uses a fixed offset zone, and the fallback zone when the zone is unknown', () => {
    const now = Date.UTC(2026, 10, 27, 3, 0); // 06:00 in UTC+3
    expect(nextSafeTime('morning', 'UTC+3', now)).toBeNull();
    expect(show(nextSafeTime('evening', 'Not/AZone', now, 'Asia/Jakarta'), 'Asia/Jakarta')).toBe('Fri 2026-11-27 18:00');
  });
});

describe('localClock', () => {
  it('says the time on the worker’s clock and whether it is today there', () => {
    const now = at('2026-11-27T11:00', 'Asia/Hong_Kong');
    expect(localClock(at('2026-11-27T21:00', 'Asia/Hong_Kong'), 'Asia/Hong_Kong', now)).toEqual({ time: '21:00', sameDay: true, weekday: 5 });
    expect(localClock(at('2026-11-28T06:00', 'Asia/Hong_Kong'), 'Asia/Hong_Kong', now)).toEqual({ time: '06:00', sameDay: false, weekday: 6 });
  });
});
