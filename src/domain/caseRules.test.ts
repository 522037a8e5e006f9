import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/db.js';
import { allocateRef, monthKey, normalizeRef } from './caseRef.js';
import { hashPin, verifyPin, generatePin } from './casePin.js';
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
  it('verify only the right PIN, and cost about the same when there is no case', () => {
    const pin = generatePin();
    expect(pin).toMatch(/^\d{6}$/);
    const hash = hashPin(pin);
    expect(verifyPin(pin, hash)).toBe(true);
    expect(verifyPin(pin === '123456' ? '654321' : '123456', hash)).toBe(false);
    expect(verifyPin(pin, null)).toBe(false);
    expect(verifyPin('000000', null)).toBe(false);
    // Interleaved runs after a warm-up, compared by median (the machine is shared).
    const ms = (f: () => void) => {
      const t = process.hrtime.bigint();
      f();
      return Number(process.hrtime.bigint() - t);
    };
    verifyPin('111111', hash);
    verifyPin('111111', null);
    const a: number[] = [];
    const b: number[] = [];
    for (let i = 0; i < 7; i++) {
      a.push(ms(() => verifyPin('111111', hash)));
      b.push(ms(() => verifyPin('111111', null)));
    }
    const median = (xs: number[]) => xs.sort((x, y) => x - y)[3];
    const known = median(a);
    const unknown = median(b);
    expect(unknown / known).toBeGreaterThan(0.5);
    expect(unknown / known).toBeLessThan(2);
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
