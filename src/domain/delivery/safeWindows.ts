/**
 * Safe-time windows on contacts: choosing one (with the zone of the contact's country), and how a
 * held delivery is described to officers ("will be delivered at 21:00 their time (Hong Kong)").
 * The hold itself is decided by the notifier (outbox/notifier.ts) from these contact fields.
 */
import type { Text, VarValue } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import { type SafeWindow, isSafeWindow, isValidZone, localClock, nextSafeTime } from '../../outbox/safeTime.js';
import { heldSummary, rescheduleSafeTimeHolds } from '../../outbox/store.js';
import type { DB } from '../../store/db.js';
import { countryByCode } from '../reference.js';

/** Offsets a worker may give by typing the local time, in minutes (UTC−12 … UTC+14). */
export const MIN_OFFSET_MIN = -12 * 60;
export const MAX_OFFSET_MIN = 14 * 60;

/** The IANA zone of a destination country from data/countries.json. */
export function zoneForCountry(code: string | null | undefined): string | undefined {
  return countryByCode(code)?.timezone;
}

/** A fixed-offset zone luxon understands: 'UTC+3', 'UTC+5:30', 'UTC-4'. */
export function fixedOffsetZone(minutes: number): string {
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  const h = Math.floor(abs / 60);
  const m = abs % 60;
  return `UTC${sign}${h}${m ? `:${String(m).padStart(2, '0')}` : ''}`;
}

/**
 * The offset (minutes from UTC, rounded to a quarter hour) of someone whose clock shows `hhmm`
 * at `now`; undefined when the answer is not a time of day.
 */
export function offsetFromLocalTime(text: string, now: number): number | undefined {
  const m = /^\s*(\d{1,2})(?:[.:](\d{2}))?\s*(am|pm|pagi|siang|sore|malam|dalu|enjing)?\s*$/i.exec(text);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = m[2] ? Number(m[2]) : 0;
  const half = m[3]?.toLowerCase();
  if (h > 23 || min > 59) return undefined;
  if ((half === 'pm' || half === 'sore' || half === 'malam' || half === 'dalu') && h < 12) h += 12;
  if (half === 'am' && h === 12) h = 0;
  const utc = new Date(now);
  const utcMin = utc.getUTCHours() * 60 + utc.getUTCMinutes();
  let diff = h * 60 + min - utcMin;
  if (diff > MAX_OFFSET_MIN) diff -= 24 * 60;
  if (diff < MIN_OFFSET_MIN) diff += 24 * 60;
  if (diff > MAX_OFFSET_MIN || diff < MIN_OFFSET_MIN) return undefined;
  return Math.round(diff / 15) * 15;
}

/**
 * Sets (or with null clears) a contact's window, and moves messages already held for it to the
 * new window (or releases them now). Runs in the caller's transaction.
 */
export function setContactWindow(db: DB, contactId: number, window: SafeWindow | null, zone: string | null, now: number, homeZone: string): void {
  const z = window ? (isValidZone(zone) ? zone : homeZone) : null;
  db.prepare('UPDATE contacts SET safe_window = ?, safe_zone = ? WHERE id = ?').run(window, z, contactId);
  rescheduleSafeTimeHolds(db, contactId, window ? nextSafeTime(window, z, now, homeZone) : null, now);
}

/** Where the contact's clock is, for people: the country name, else the zone ('UTC+3'). */
export function placeLabel(country: string | null, zone: string | null, lang: Lang): string {
  const c = countryByCode(country);
  if (c && c.timezone === zone) return c.name[lang];
  return zone ?? '-';
}

/** A window with its place, e.g. "Evening, 18:00–21:00 (Hong Kong time)". */
export function windowText(window: string | null, country: string | null, zone: string | null, lang: Lang): VarValue {
  if (!isSafeWindow(window)) return { t: 'safeTime.anyTimeShort' };
  return { t: 'safeTime.windowAt', vars: { window: { t: `safeTime.window.${window}` }, place: placeLabel(country, zone, lang) } };
}

/** "21:00" today, or "Sat 08:00" on another day, in the contact's zone. */
export function deliveryTime(at: number, zone: string | null, now: number, homeZone: string): VarValue {
  const c = localClock(at, zone, now, homeZone);
  return c.sameDay ? c.time : { t: 'safeTime.atDay', vars: { day: { t: `safeTime.day.${c.weekday}` }, time: c.time } };
}

interface ContactZone {
  safe_zone: string | null;
  country: string | null;
}

/** What is held for a contact's safe time, as text variables (count, time, place), or null. */
export function heldDelivery(db: DB, contactId: number | null, now: number, lang: Lang, homeZone: string): { count: number; time: VarValue; place: string } | null {
  const held = contactId === null ? undefined : heldSummary(db, contactId, now, 'safe_time');
  if (!held) return null;
  const c = db.prepare('SELECT safe_zone, country FROM contacts WHERE id = ?').get(contactId) as ContactZone | undefined;
  const zone = c?.safe_zone ?? null;
  return { count: held.count, time: deliveryTime(held.until, zone, now, homeZone), place: placeLabel(c?.country ?? null, zone, lang) };
}

/**
 * What officers are told when a message to this contact is held for its safe time ("will be
 * delivered at 21:00 their time (Hong Kong)"), or null when nothing is held.
 */
export function heldNotice(db: DB, contactId: number | null, ref: string, now: number, lang: Lang, homeZone: string): Text | null {
  const held = heldDelivery(db, contactId, now, lang, homeZone);
  return held ? { key: 'safeTime.heldNotice', vars: { ...held, ref } } : null;
}

/** WhatsApp Cloud API: free-form messages reach a person only this long after their last message. */
export const CLOUD_SERVICE_WINDOW_MS = 24 * 3600_000;

/**
 * For an officer: the reporter is on the WhatsApp Cloud API and silent for over 24 hours, so a
 * message reaches them as the case_update template first (`templated`) or not at all.
 */
export function cloudWindowNotice(db: DB, contactId: number | null, now: number, templated: boolean): Text | null {
  if (contactId === null) return null;
  const c = db.prepare('SELECT channel, last_inbound_at FROM contacts WHERE id = ?').get(contactId) as { channel: string; last_inbound_at: number | null } | undefined;
  if (!c || c.channel !== 'whatsapp-cloud' || (c.last_inbound_at !== null && now - c.last_inbound_at <= CLOUD_SERVICE_WINDOW_MS)) return null;
  return { key: templated ? 'safeTime.cloudTemplateNotice' : 'safeTime.cloudNotSentNotice' };
}
