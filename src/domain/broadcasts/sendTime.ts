/** Send times as officers type them, in the home time zone (HOME_TIMEZONE). */
import { DateTime } from 'luxon';

/** How far ahead a broadcast may be scheduled. */
export const MAX_SCHEDULE_AHEAD_MS = 90 * 24 * 3600_000;
/** Words meaning "send at once", in the three languages. */
export const NOW_WORDS: readonly string[] = ['now', 'sekarang', 'saiki', 'sakmenika', 'langsung'];

export type SendTime = { ok: true; at: number | null } | { ok: false; reason: 'format' | 'past' | 'tooFar' };

const FORMATS = ['yyyy-MM-dd HH:mm', 'yyyy-MM-dd H:mm', 'd/M/yyyy HH:mm', 'd/M/yyyy H:mm', 'd-M-yyyy HH:mm', 'd-M-yyyy H:mm', 'yyyy-MM-dd HH.mm', 'd/M/yyyy HH.mm'];

/**
 * Parses "now", "2026-12-01 19:00", "1/12/2026 19:00" or "19:00" (the next such time) in `zone`;
 * at is UTC ms, or null for "now".
 */
export function parseSendTime(text: string, zone: string, now: number): SendTime {
  const s = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (NOW_WORDS.includes(s)) return { ok: true, at: null };
  let dt: DateTime | undefined;
  for (const f of FORMATS) {
    const d = DateTime.fromFormat(s, f, { zone });
    if (d.isValid) {
      dt = d;
      break;
    }
  }
  if (!dt) {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(s);
    if (m && Number(m[1]) < 24 && Number(m[2]) < 60) {
      const today = DateTime.fromMillis(now, { zone }).set({ hour: Number(m[1]), minute: Number(m[2]), second: 0, millisecond: 0 });
      dt = today.toMillis() > now ? today : today.plus({ days: 1 });
    }
  }
  if (!dt) return { ok: false, reason: 'format' };
  const at = dt.toMillis();
  if (at <= now) return { ok: false, reason: 'past' };
  if (at - now > MAX_SCHEDULE_AHEAD_MS) return { ok: false, reason: 'tooFar' };
  return { ok: true, at };
}

/** "2026-12-01 19:00" in the zone, for previews and lists. */
export function formatHomeTime(at: number, zone: string): string {
  return DateTime.fromMillis(at, { zone }).toFormat('yyyy-MM-dd HH:mm');
}

/** The short zone name officers know ("WIB" for Asia/Jakarta), or the IANA name. */
export function zoneLabel(zone: string, at: number): string {
  const KNOWN: Record<string, string> = { 'Asia/Jakarta': 'WIB', 'Asia/Pontianak': 'WIB', 'Asia/Makassar': 'WITA', 'Asia/Jayapura': 'WIT' };
  return KNOWN[zone] ?? DateTime.fromMillis(at, { zone }).toFormat('ZZZZ');
}
