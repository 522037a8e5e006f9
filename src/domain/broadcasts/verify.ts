/**
 * Answers "is this official?": a verification code, a pasted or forwarded message, or a phone
 * number. Every check is counted; those that are not official are kept with a short masked
 * snippet so officers can see which scams circulate (never the whole text, never a full number).
 */
import { DateTime } from 'luxon';
import { type Lang, LANGUAGES } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import { type Hotline, allHotlines } from '../reference.js';
import { type Broadcast, getBroadcast } from './store.js';
import { bodyFor } from './payload.js';
import { codesIn, parseCode } from './verifyCode.js';

/** How many recent broadcasts a pasted message without a code is compared with. */
export const PASTE_COMPARE_LIMIT = 500;
/** A pasted text shorter than this is not compared by content (too easy to match by chance). */
export const MIN_PASTE_CHARS = 20;
/** Longest snippet kept for officers. */
export const SNIPPET_CHARS = 120;
/** Fewest digits a phone number has. */
export const MIN_PHONE_DIGITS = 7;

export type VerifyResult =
  | { kind: 'empty' }
  | { kind: 'official'; broadcast: Broadcast; textDiffers: boolean }
  | { kind: 'notOfficialCode'; code: string }
  | { kind: 'notOfficial' }
  | { kind: 'phone'; number: string; hotline: Hotline | null };

const PHONE = /^\+?[\d\s().-]+$/;

/** Digits of a number in one form: an Indonesian leading 0 becomes 62. */
export function phoneDigits(s: string): string {
  const d = s.replace(/\D/g, '');
  return s.trim().startsWith('+') ? d : d.replace(/^0/, '62');
}

/** True when a text (after `cek`) is a phone number rather than a code or a message. */
export function looksLikePhone(s: string): boolean {
  return PHONE.test(s.trim()) && s.replace(/\D/g, '').length >= MIN_PHONE_DIGITS;
}

/** The published hotline a phone number belongs to, if any. */
export function hotlineForNumber(number: string): Hotline | null {
  const want = phoneDigits(number);
  for (const h of allHotlines()) {
    for (const n of h.numbers) {
      const have = phoneDigits(n.value);
      // "6773 0466" typed without the country code still matches "+852 6773 0466".
      if (have === want || (want.length >= 8 && !number.trim().startsWith('+') && !number.trim().startsWith('0') && have.endsWith(want))) return h;
    }
    // Local numbers (the toll-free 0800-1000) match only exactly.
    for (const c of h.shortCodes ?? []) if (phoneDigits(c.value) === want) return h;
  }
  return null;
}

const squash = (s: string) => s.toLowerCase().replace(/[*_~`]/g, '').replace(/\s+/g, ' ').trim();

/** Does the pasted text carry the broadcast's words (in any of its languages)? */
function carriesText(pasted: string, b: Broadcast): boolean {
  const p = squash(pasted);
  return LANGUAGES.some((l: Lang) => {
    const body = squash(bodyFor(b.texts, l));
    return body.length > 0 && (p.includes(body) || (p.length >= MIN_PASTE_CHARS && body.includes(p)));
  });
}

function sentByCode(db: DB, code: string): Broadcast | undefined {
  const id = db.prepare('SELECT id FROM broadcasts WHERE verify_code = ? AND enqueued_at IS NOT NULL').pluck().get(code) as number | undefined;
  return id === undefined ? undefined : getBroadcast(db, id);
}

/** Checks a code, a pasted message or a phone number (what followed `cek`, or a forwarded message). */
export function verify(db: DB, text: string): VerifyResult {
  const input = text.trim();
  if (!input) return { kind: 'empty' };
  const code = parseCode(input);
  if (code) {
    const b = sentByCode(db, code);
    return b ? { kind: 'official', broadcast: b, textDiffers: false } : { kind: 'notOfficialCode', code };
  }
  if (looksLikePhone(input)) return { kind: 'phone', number: input, hotline: hotlineForNumber(input) };
  const codes = codesIn(input);
  for (const c of codes) {
    const b = sentByCode(db, c);
    if (b) return { kind: 'official', broadcast: b, textDiffers: !carriesText(input, b) };
  }
  if (codes.length) return { kind: 'notOfficialCode', code: codes[0] };
  if (input.length >= MIN_PASTE_CHARS) {
    const ids = db.prepare('SELECT id FROM broadcasts WHERE enqueued_at IS NOT NULL ORDER BY id DESC LIMIT ?').pluck().all(PASTE_COMPARE_LIMIT) as number[];
    for (const id of ids) {
      const b = getBroadcast(db, id) as Broadcast;
      if (carriesText(input, b)) return { kind: 'official', broadcast: b, textDiffers: false };
    }
  }
  return { kind: 'notOfficial' };
}

/**
 * A short snippet an officer may read: numbers become •, names (capitalised words not starting a
 * sentence) are cut to their initial, links keep only their host.
 */
export function maskSnippet(text: string): string {
  const masked = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/https?:\/\/([^/\s]+)\S*/gi, '$1/…')
    .replace(/[\w.+-]+@[\w-]+(\.[\w-]+)+/g, '•@•')
    .replace(/\d/g, '•')
    .replace(/(?<=[^.!?:\s]\s+)[A-Z][a-z\u00C0-\u024F]+/g, (word) => `${word[0]}…`);
  return masked.length > SNIPPET_CHARS ? `${masked.slice(0, SNIPPET_CHARS - 1)}…` : masked;
}

/** Records one check (the snippet only when it was not official). */
export function recordCheck(db: DB, text: string, result: VerifyResult, now: number): void {
  if (result.kind === 'empty') return;
  const kind = result.kind === 'phone' ? 'phone' : parseCode(text) ? 'code' : 'message';
  const official = result.kind === 'official' || (result.kind === 'phone' && result.hotline !== null);
  const broadcastId = result.kind === 'official' ? result.broadcast.id : null;
  const snippet = official ? null : kind === 'code' ? (parseCode(text) as string) : maskSnippet(text);
  db.prepare('INSERT INTO verify_checks (at, kind, official, broadcast_id, snippet) VALUES (?, ?, ?, ?, ?)').run(now, kind, official ? 1 : 0, broadcastId, snippet);
}

export interface ScamDay {
  /** ISO date in the zone. */
  day: string;
  count: number;
}

/** Not-official checks per local day for the last `days` days, oldest first, zero-filled. */
export function notOfficialPerDay(db: DB, now: number, zone: string, days: number): ScamDay[] {
  const start = DateTime.fromMillis(now, { zone }).startOf('day').minus({ days: days - 1 });
  const counts = new Map<string, number>();
  for (let i = 0; i < days; i++) counts.set(start.plus({ days: i }).toISODate() as string, 0);
  const rows = db.prepare('SELECT at FROM verify_checks WHERE official = 0 AND at >= ?').pluck().all(start.toMillis()) as number[];
  for (const at of rows) {
    const day = DateTime.fromMillis(at, { zone }).toISODate() as string;
    if (counts.has(day)) counts.set(day, (counts.get(day) as number) + 1);
  }
  return [...counts].map(([day, count]) => ({ day, count }));
}

export interface ScamSnippet {
  at: number;
  kind: string;
  snippet: string;
}

/** The latest not-official checks, newest first. */
export function recentNotOfficial(db: DB, limit: number): ScamSnippet[] {
  return db.prepare('SELECT at, kind, snippet FROM verify_checks WHERE official = 0 ORDER BY at DESC, id DESC LIMIT ?').all(limit) as ScamSnippet[];
}
