/** The shipped reference data keeps its promises: numbers that work from abroad, a source and a date on every entry. */
import { describe, expect, it } from 'vitest';
import { INTERNATIONAL_NUMBER, allHotlines, countryByCode, getCountries } from './reference.js';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

describe('emergency contacts (data/contacts.json)', () => {
  it('every number is in international form (+ and digits), so it works from abroad', () => {
    const numbers = allHotlines().flatMap((h) => h.numbers.map((n) => n.value));
    expect(numbers.length).toBeGreaterThan(3);
    for (const n of numbers) expect(n, n).toMatch(INTERNATIONAL_NUMBER);
    expect(numbers).toContain('+62 811-8080-141');
    expect(numbers.some((n) => n.startsWith('0'))).toBe(false);
  });

  it('short codes are digits dialled inside a known country, named on the entry', () => {
    for (const h of allHotlines())
      for (const c of h.shortCodes ?? []) {
        expect(c.value, h.id).toMatch(/^\d[\d-]*\d$/);
        expect(c.dialFrom === 'ID' || countryByCode(c.dialFrom) !== undefined, `${h.id} ${c.dialFrom}`).toBe(true);
      }
  });

  it('every entry has a source and a check date, and none is verified by the file itself', () => {
    for (const h of allHotlines()) {
      expect(h.source.trim().length, h.id).toBeGreaterThan(10);
      expect(h.checked, h.id).toMatch(ISO_DATE);
      expect(h.verified).toBe(false);
      expect(h.numbers.length + (h.shortCodes?.length ?? 0), `${h.id} has no number at all`).toBeGreaterThan(0);
    }
  });

  it('every main destination has its local police and ambulance numbers', () => {
    for (const code of ['HK', 'TW', 'MY', 'JP', 'SG', 'KR', 'SA']) {
      const local = allHotlines().filter((h) => h.countries.includes(code)).flatMap((h) => h.shortCodes ?? []);
      expect(local.some((c) => c.kind === 'police'), code).toBe(true);
      expect(local.some((c) => c.kind === 'ambulance'), code).toBe(true);
    }
    expect(getCountries().length).toBeGreaterThanOrEqual(7);
  });

  it('Hong Kong lists both published KJRI hotlines; Taiwan names KDEI Taipei', () => {
    const hk = allHotlines().find((h) => h.id === 'kjri-hong-kong')!;
    expect(hk.numbers.map((n) => n.value)).toEqual(['+852 6773 0466', '+852 6894 2799']);
    expect(allHotlines().find((h) => h.countries.includes('TW') && h.name.includes('KDEI Taipei'))).toBeDefined();
  });
});
