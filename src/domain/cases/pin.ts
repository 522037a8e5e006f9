/**
 * Case PINs: 6 digits shown once. A 6-digit PIN has only a million values, so no slow hash can
 * protect it once the database leaks (scrypt at N=2^14 falls to a brute force in hours); what does
 * protect it is a key the database does not hold. PINs are stored as HMAC-SHA256 under a random
 * key kept in DATA_DIR/secrets/pin.key (0600, created once, never in the database or its backups),
 * and online guessing is limited per chat, per client address and per case reference (see
 * pinGuard.ts). Hashes made earlier with scrypt still verify.
 */
import path from 'node:path';
import { createHmac, randomBytes, randomInt, scryptSync, timingSafeEqual } from 'node:crypto';
import { secretKey } from '../secretKey.js';
import type { DB } from '../../store/db.js';

export const PIN_DIGITS = 6;
/** Wrong PINs allowed per chat in PIN_WINDOW_MS; further attempts are refused until the window passes. */
export const MAX_WRONG_PINS = 5;
export const PIN_WINDOW_MS = 3600_000;
/** Where the PIN key lives, relative to DATA_DIR. */
export const PIN_KEY_FILE = path.join('secrets', 'pin.key');
const SALT_BYTES = 16;

/** The PIN key of a data folder, created on first use (cached per folder). */
export function pinKey(dataDir: string): Buffer {
  return secretKey(dataDir, PIN_KEY_FILE);
}

/** A fresh random PIN (leading zeros kept). */
export function generatePin(): string {
  return String(randomInt(0, 10 ** PIN_DIGITS)).padStart(PIN_DIGITS, '0');
}

function mac(key: Buffer, salt: Buffer, pin: string): Buffer {
  return createHmac('sha256', key).update(salt).update(pin).digest();
}

/** `hmac$salt$mac` (hex). */
export function hashPin(pin: string, key: Buffer): string {
  const salt = randomBytes(SALT_BYTES);
  return `hmac$${salt.toString('hex')}$${mac(key, salt, pin).toString('hex')}`;
}

// Compared against when the reference does not exist, so that path does the same work.
const DUMMY_SALT = randomBytes(SALT_BYTES);

/** True when the PIN matches the stored hash; does the same work when there is no usable hash. */
export function verifyPin(pin: string, stored: string | null | undefined, key: Buffer): boolean {
  const parts = (stored ?? '').split('$');
  if (parts[0] === 'scrypt' && parts.length === 4 && Number(parts[1]) > 1) {
    // Hashes from before the keyed scheme.
    const expected = Buffer.from(parts[3], 'hex');
    const actual = scryptSync(pin, Buffer.from(parts[2], 'hex'), expected.length, { N: Number(parts[1]) });
    return timingSafeEqual(actual, expected);
  }
  const usable = parts[0] === 'hmac' && parts.length === 3 && parts[2].length === 64;
  const salt = usable ? Buffer.from(parts[1], 'hex') : DUMMY_SALT;
  const expected = usable ? Buffer.from(parts[2], 'hex') : Buffer.alloc(32);
  return timingSafeEqual(mac(key, salt, pin), expected) && usable;
}

/** Wrong PINs this chat entered within the window. */
export function wrongPinCount(db: DB, channel: string, chatId: string, now: number): number {
  return db
    .prepare('SELECT COUNT(*) FROM pin_attempts WHERE channel = ? AND chat_id = ? AND at > ?')
    .pluck()
    .get(channel, chatId, now - PIN_WINDOW_MS) as number;
}

/** Records one wrong PIN for the chat, the reference tried and the client address (when known). */
export function recordWrongPin(db: DB, channel: string, chatId: string, now: number, ref?: string, address?: string): void {
  db.prepare('INSERT INTO pin_attempts (channel, chat_id, at, ref, address) VALUES (?, ?, ?, ?, ?)').run(channel, chatId, now, ref ?? null, address ?? null);
}
