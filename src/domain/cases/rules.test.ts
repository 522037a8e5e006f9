import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../store/db.js';
import { allocateRef, monthKey, normalizeRef } from './ref.js';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes, scryptSync } from 'node:crypto';
import { PIN_KEY_FILE, generatePin, hashPin, pinKey, verifyPin } from './pin.js';
import { hasDangerWords } from './dangerWords.js';

describe('case references', () => {
  it('use the month in the home time zone and a per-month sequence', () => {
    const db = openDatabase(':memory:');
    // 31 Oct 2026 20:00 UTC is already 1 Nov in Jakarta (UTC+7).
    const lateOctUtc = Date.UTC(2026, 9, 31, 20, 0);
    expect(monthKey(lateOctUtc, 'Asia/Jakarta')).toBe('2611');
    expect(monthKey(lateOctUtc, 'UTC')).toBe('2610');
    expect(allocateRef(db, 'BWI', lateOctUtc, 'Asia/Jakarta')).toBe('BWI-2611-0001');
    expect(allocateRef(db, 'BWI', lateOctUtc, 'Asia/Jakarta')).toBe('BWI-2611-0002');
    expect(allocateRef(db, 'BWI', Date.UTC(2026, 11, 1, 0, 0), 'Asia/Jakarta')).toBe('BWI-2612-0001');
    db.close();
  });

  it('accept what people type', () => {
    expect(normalizeRef('bwi 2611 0042')).toBe('BWI-2611-0042');
    expect(normalizeRef(' BWI-2611-0042 ')).toBe('BWI-2611-0042');
    expect(normalizeRef('BWI26110042')).toBe('BWI-2611-0042');
    expect(normalizeRef('hello')).toBeNull();
  });
});

describe('PINs', () => {
  const key = randomBytes(32);

  it('verify only the right PIN under the right key, and cost about the same when there is no case', () => {
    const pin = generatePin();
    expect(pin).toMatch(/^\d{6}$/);
    const hash = hashPin(pin, key);
    expect(hash).not.toContain(pin);
    expect(verifyPin(pin, hash, key)).toBe(true);
    expect(verifyPin(pin === '123456' ? '654321' : '123456', hash, key)).toBe(false);
    // A stolen database without the key does not open the case, even with the right PIN.
    expect(verifyPin(pin, hash, randomBytes(32))).toBe(false);
    expect(verifyPin(pin, null, key)).toBe(false);
    expect(verifyPin('000000', 'garbage', key)).toBe(false);
    // Interleaved batches after a warm-up, compared by median (the machine is shared).
    const batch = (stored: string | null) => {
      const t = process.hrtime.bigint();
      for (let i = 0; i < 500; i++) verifyPin('111111', stored, key);
      return Number(process.hrtime.bigint() - t);
    };
    batch(hash);
    batch(null);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 9; i++) {
      a.push(batch(hash));
      b.push(batch(null));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[4];
    expect(median(b) / median(a)).toBeGreaterThan(0.5);
    expect(median(b) / median(a)).toBeLessThan(2);
  });

  it('still verify hashes made with scrypt before the keyed scheme', () => {
    const salt = randomBytes(16);
    const legacy = `scrypt$16384$${salt.toString('hex')}$${scryptSync('424242', salt, 32, { N: 16384 }).toString('hex')}`;
    expect(verifyPin('424242', legacy, key)).toBe(true);
    expect(verifyPin('424243', legacy, key)).toBe(false);
  });

  it('keep one key per data folder, in a file readable only by the bot, stable across restarts', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pinkey-'));
    const first = pinKey(dir);
    const file = path.join(dir, PIN_KEY_FILE);
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(first).toHaveLength(32);
    expect(pinKey(dir).equals(first)).toBe(true);
    expect(pinKey(fs.mkdtempSync(path.join(os.tmpdir(), 'pinkey-'))).equals(first)).toBe(false);
  });
});

describe('danger words', () => {
  it('are found in each language, on word boundaries', () => {
    expect(hasDangerWords('Saya dipukul majikan')).toBe(true);
    expect(hasDangerWords('I was BEATEN yesterday')).toBe(true);
    expect(hasDangerWords('kula digebugi')).toBe(true);
    expect(hasDangerWords('My wages were not paid')).toBe(false);
    expect(hasDangerWords('grapes')).toBe(false); // contains "rape" inside a word
  });
});
