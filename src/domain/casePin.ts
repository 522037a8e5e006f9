/**
 * Case PINs: 6 digits shown once, stored as an scrypt hash. Wrong PINs are limited per chat and
 * the check always runs scrypt, so the answer and its timing do not reveal whether a reference exists.
 */
import { randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import type { DB } from '../store/db.js';

export const PIN_DIGITS = 6;
/** Wrong PINs allowed per chat in PIN_WINDOW_MS; further attempts are refused until the window passes. */
export const MAX_WRONG_PINS = 5;
export const PIN_WINDOW_MS = 3600_000;
/** scrypt cost (N); 2^14 takes a few tens of milliseconds here. */
export const SCRYPT_COST = 16384;
const KEY_LENGTH = 32;

/** A fresh random PIN (leading zeros kept). */
export function generatePin(): string {
  return String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
}

/** `scrypt$N$salt$hash` (hex). */
export function hashPin(pin: string): string {
  const salt = randomBytes(16);
  const hash = scryptSync(pin, salt, KEY_LENGTH, { N: SCRYPT_COST });
  return `scrypt$${SCRYPT_COST}$${salt.toString('hex')}$${hash.toString('hex')}`;
}

interface ParsedHash {
  n: number;
  salt: Buffer;
  hash: Buffer;
}

function parseHash(stored: string | null | undefined): ParsedHash | null {
  const [scheme, n, salt, hash] = (stored ?? '').split('$');
  if (scheme !== 'scrypt' || !salt || !hash || !(Number(n) > 1)) return null;
  return { n: Number(n), salt: Buffer.from(salt, 'hex'), hash: Buffer.from(hash, 'hex') };
}

// Compared against when the reference does not exist, so that path costs the same.
const DUMMY = parseHash(hashPin('000000')) as ParsedHash;

/** True when the PIN matches the stored hash; runs scrypt even when there is no usable hash. */
export function verifyPin(pin: string, stored: string | null | undefined): boolean {
  const parsed = parseHash(stored);
  const target = parsed ?? DUMMY;
  const actual = scryptSync(pin, target.salt, target.hash.length, { N: target.n });
  return timingSafeEqual(actual, target.hash) && parsed !== null;
}

/** Wrong PINs this chat entered within the window. */
export function wrongPinCount(db: DB, channel: string, chatId: string, now: number): number {
  return db
    .prepare('SELECT COUNT(*) FROM pin_attempts WHERE channel = ? AND chat_id = ? AND at > ?')
    .pluck()
    .get(channel, chatId, now - PIN_WINDOW_MS) as number;
}

/** Records one wrong PIN for the chat. */
export function recordWrongPin(db: DB, channel: string, chatId: string, now: number): void {
  db.prepare('INSERT INTO pin_attempts (channel, chat_id, at) VALUES (?, ?, ?)').run(channel, chatId, now);
}
