/**
 * Verification codes on broadcasts: 8 characters from an alphabet without look-alikes (no 0, 1,
 * I or O), shown as K7QX-2M9P. A code is HMAC-SHA256 of the broadcast id under a random key kept in
 * DATA_DIR/secrets/verify.key, so nobody without the key can make a code that checks as official
 * (40 bits: one guess in a trillion).
 */
import path from 'node:path';
import { createHmac } from 'node:crypto';
import { secretKey } from '../secretKey.js';

/** Where the verification key lives, relative to DATA_DIR. */
export const VERIFY_KEY_FILE = path.join('secrets', 'verify.key');
/** 32 symbols (5 bits each): digits 2-9 and letters without I and O. */
export const CODE_ALPHABET = '23456789ABCDEFGHJKLMNPQRSTUVWXYZ';
export const CODE_LENGTH = 8;

/** A code inside a longer text: 4+4 with the dash, as the bot prints it (words are not mistaken for codes). */
const CODE_IN_TEXT = new RegExp(`(?<![A-Za-z0-9-])([${CODE_ALPHABET}]{4})-([${CODE_ALPHABET}]{4})(?![A-Za-z0-9-])`, 'gi');

/** The verification key of a data folder (created on first use). */
export function verifyKey(dataDir: string): Buffer {
  return secretKey(dataDir, VERIFY_KEY_FILE);
}

/** The code of a broadcast, without the dash ("K7QX2M9P"); `attempt` changes it on a (rare) clash. */
export function codeFor(key: Buffer, broadcastId: number, attempt = 0): string {
  const mac = createHmac('sha256', key).update(`broadcast:${broadcastId}:${attempt}`).digest();
  let out = '';
  for (let i = 0; i < CODE_LENGTH; i++) out += CODE_ALPHABET[mac[i] & 31];
  return out;
}

/** "K7QX2M9P" -> "K7QX-2M9P". */
export function displayCode(code: string): string {
  return `${code.slice(0, 4)}-${code.slice(4)}`;
}

/**
 * The code a text consists of (dash, spaces and case ignored), or null. Any 8 letters and digits
 * with at least one letter count, so a mistyped or forged code (with an O or a 0) is answered
 * "not official" rather than ignored; eight digits alone are a phone number.
 */
export function parseCode(text: string): string | null {
  const compact = text.trim().toUpperCase().replace(/[\s-]/g, '');
  return compact.length === CODE_LENGTH && /^[A-Z0-9]+$/.test(compact) && /[A-Z]/.test(compact) ? compact : null;
}

/** True for a code the bot could have made: from the alphabet, with at least one letter. */
export function isWellFormed(code: string): boolean {
  return code.length === CODE_LENGTH && [...code].every((ch) => CODE_ALPHABET.includes(ch)) && /[A-Z]/.test(code);
}

/** Codes written anywhere in a text (a forwarded announcement), normalized. */
export function codesIn(text: string): string[] {
  return [...text.matchAll(CODE_IN_TEXT)].map((m) => `${m[1]}${m[2]}`.toUpperCase());
}
