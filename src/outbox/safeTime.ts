/**
 * Safe-time windows: a worker whose phone may be read by the employer chooses when officers'
 * messages may arrive, in the worker's local time. Pure: the zone and the time are passed in.
 */
import { DateTime } from 'luxon';

/** The windows a worker can choose, in menu order. */
export const SAFE_WINDOWS = ['morning', 'afternoon', 'evening', 'late_night', 'weekend'] as const;
export type SafeWindow = (typeof SAFE_WINDOWS)[number];

/** Local hours [from, to) of each window; 'weekend' is the local rest days in these hours. */
export const WINDOW_HOURS: Record<SafeWindow, { from: number; to: number }> = {
  morning: { from: 6, to: 9 },
  afternoon: { from: 12, to: 15 },
  evening: { from: 18, to: 21 },
  late_night: { from: 21, to: 24 },
  weekend: { from: 8, to: 20 },
};

/** Zones whose weekend is Friday and Saturday (Gulf states); elsewhere Saturday and Sunday. */
export const FRI_SAT_WEEKEND_ZONES = ['Asia/Riyadh', 'Asia/Qatar', 'Asia/Kuwait', 'Asia/Bahrain', 'Asia/Muscat'];
/** Days ahead searched for the next window (a week covers every window). */
const SEARCH_DAYS = 8;

/** True for a stored window name. */
export function isSafeWindow(v: unknown): v is SafeWindow {
  return typeof v === 'string' && (SAFE_WINDOWS as readonly string[]).includes(v);
}

/** True when luxon knows the zone (IANA name or a fixed offset such as 'UTC+3'). */
export function isValidZone(zone: string | null | undefined): zone is string {
  return !!zone && DateTime.now().setZone(zone).isValid;
}

/** The local weekend days (luxon weekday numbers, Monday = 1) for a zone. */
export function weekendDays(zone: string): number[] {
  return FRI_SAT_WEEKEND_ZONES.includes(zone) ? [5, 6] : [6, 7];
}

function allowedDay(window: SafeWindow, zone: string, t: DateTime): boolean {
  return window !== 'weekend' || weekendDays(zone).includes(t.weekday);
}

/**
 * When a message may be delivered: null when `now` is inside the window (send at once), else the
 * start of the next window (ms). An unknown zone counts as `fallbackZone`.
 */
export function nextSafeTime(window: SafeWindow, zone: string | null, now: number, fallbackZone = 'Asia/Jakarta'): number | null {
  const z = isValidZone(zone) ? zone : fallbackZone;
  const local = DateTime.fromMillis(now, { zone: z });
  const { from, to } = WINDOW_HOURS[window];
  if (local.hour >= from && local.hour < to && allowedDay(window, z, local)) return null;
  for (let d = 0; d <= SEARCH_DAYS; d++) {
    const start = local.startOf('day').plus({ days: d }).set({ hour: from });
    if (start.toMillis() > now && allowedDay(window, z, start)) return start.toMillis();
  }
  return null;
}

/** A time as the worker reads it on their clock ("21:00"), or with the day when not today ("Sat 08:00"). */
export function localClock(at: number, zone: string | null, now: number, fallbackZone = 'Asia/Jakarta'): { time: string; sameDay: boolean; weekday: number } {
  const z = isValidZone(zone) ? zone : fallbackZone;
  const t = DateTime.fromMillis(at, { zone: z });
  return { time: t.toFormat('HH:mm'), sameDay: t.hasSame(DateTime.fromMillis(now, { zone: z }), 'day'), weekday: t.weekday };
}
