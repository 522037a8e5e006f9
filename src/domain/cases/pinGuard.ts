/**
 * Online PIN guessing, limited three ways, because a new anonymous identity (a web-chat cookie)
 * costs nothing: per chat (MAX_WRONG_PINS an hour), per client address on the web chat, and per
 * case reference across every chat and channel. A reference that collects MAX_WRONG_PINS_PER_REF
 * wrong PINs within an hour is locked for an hour, and every further lock lasts twice as long as the
 * one before; the doubling is forgotten only after REF_LEVEL_MEMORY_MS without a wrong PIN (counted
 * from the end of the last lock). The
 * reporter's own chat never asks for a PIN, so a lock never shuts the reporter out.
 *
 * Arithmetic (SECURITY.md, simulated in pinGuard.test.ts): guessing as fast as allowed, after k
 * locks an attacker has waited 1+2+…+2^(k-1) = 2^k − 1 hours for 10·(k+1) guesses; with the
 * longest lock capped at 2^14 hours, ten years (87,660 hours) allow at most 190 guesses. Waiting
 * out the 30-day memory between bursts allows at most about 730 a year: on average 500,000 guesses
 * are needed, more than 600 years.
 */
import type { DB } from '../../store/db.js';
import { PIN_WINDOW_MS, wrongPinCount } from './pin.js';
import { MAX_WRONG_PINS } from './pin.js';

/** Wrong PINs for one reference (all chats, all channels) within PIN_WINDOW_MS before it is locked. */
export const MAX_WRONG_PINS_PER_REF = 10;
/** Wrong PINs from one client address (web chat, any number of cookies) within PIN_WINDOW_MS. */
export const MAX_WRONG_PINS_PER_ADDRESS = 10;
/** The first lock of a reference; each later one lasts twice as long. */
export const FIRST_REF_LOCK_MS = 3600_000;
/** Longest single lock (the doubling stops here: about 1.4 years). */
export const MAX_REF_LOCK_MS = 2 ** 14 * 3600_000;
/** A reference's lock level is forgotten after this long without any wrong PIN. */
export const REF_LEVEL_MEMORY_MS = 30 * 24 * 3600_000;

export type PinRefusal = 'chat' | 'address' | 'reference';

interface LockRow {
  level: number;
  locked_until: number;
  last_wrong_at: number;
}

/** The reference as stored for counting (case-insensitive, spaces removed). */
export function refKey(ref: string): string {
  return ref.replace(/\s+/g, '').toUpperCase();
}

/** Why a PIN attempt is refused before it is checked, or null when it may be checked. */
export function pinRefusal(db: DB, who: { channel: string; chatId: string; address?: string }, ref: string, now: number): PinRefusal | null {
  if (wrongPinCount(db, who.channel, who.chatId, now) >= MAX_WRONG_PINS) return 'chat';
  if (who.address) {
    const n = db.prepare('SELECT COUNT(*) FROM pin_attempts WHERE address = ? AND at > ?').pluck().get(who.address, now - PIN_WINDOW_MS) as number;
    if (n >= MAX_WRONG_PINS_PER_ADDRESS) return 'address';
  }
  const lock = db.prepare('SELECT level, locked_until, last_wrong_at FROM pin_locks WHERE ref = ?').get(refKey(ref)) as LockRow | undefined;
  if (lock && lock.locked_until > now) return 'reference';
  return null;
}

/**
 * After a wrong PIN has been recorded: locks the reference when it reached the limit. Returns the
 * new lock's length in ms when this wrong PIN locked it (so officers can be told), else 0.
 */
export function lockReferenceIfGuessed(db: DB, ref: string, now: number): number {
  const key = refKey(ref);
  const lock = db.prepare('SELECT level, locked_until, last_wrong_at FROM pin_locks WHERE ref = ?').get(key) as LockRow | undefined;
  // Only wrong PINs since the last lock ended count towards the next one.
  const since = Math.max(now - PIN_WINDOW_MS, lock ? lock.locked_until : 0);
  const recent = db.prepare('SELECT COUNT(*) FROM pin_attempts WHERE ref = ? AND at > ?').pluck().get(key, since - 1) as number;
  // Quiet time counts from the end of the last lock, so a long lock does not erase its own level.
  const forgotten = !lock || now - Math.max(lock.last_wrong_at, lock.locked_until) > REF_LEVEL_MEMORY_MS;
  const level = forgotten ? 0 : lock.level;
  if (recent < MAX_WRONG_PINS_PER_REF) {
    db.prepare(
      `INSERT INTO pin_locks (ref, level, locked_until, last_wrong_at) VALUES (?, ?, 0, ?)
       ON CONFLICT (ref) DO UPDATE SET level = excluded.level, last_wrong_at = excluded.last_wrong_at`,
    ).run(key, level, now);
    return 0;
  }
  const lockMs = Math.min(MAX_REF_LOCK_MS, FIRST_REF_LOCK_MS * 2 ** level);
  db.prepare(
    `INSERT INTO pin_locks (ref, level, locked_until, last_wrong_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (ref) DO UPDATE SET level = excluded.level, locked_until = excluded.locked_until, last_wrong_at = excluded.last_wrong_at`,
  ).run(key, level + 1, now + lockMs, now);
  return lockMs;
}
