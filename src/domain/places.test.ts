/** Places as data: Banyuwangi's 25 districts, and the countries (with aliases) a typed name is matched to. */
import { describe, expect, it } from 'vitest';
import { getDistricts } from './places.js';
import { getCountries, matchCountry, menuCountries } from './reference.js';

describe('districts (data/districts.json)', () => {
  it("lists Banyuwangi's 25 districts, unique", () => {
    const d = getDistricts();
    expect(d.length).toBe(25);
    expect(new Set(d.map((x) => x.id)).size).toBe(25);
    expect(d.map((x) => x.name)).toEqual(expect.arrayContaining(['Genteng', 'Muncar', 'Wongsorejo', 'Kalipuro', 'Blimbingsari']));
  });
});

describe('countries (data/countries.json)', () => {
  it('has the main destinations in the menu and the other reported countries, each named in three languages with a time zone', () => {
    expect(menuCountries().map((c) => c.code)).toEqual(['HK', 'TW', 'MY', 'JP', 'SG', 'KR', 'SA']);
    const all = getCountries().map((c) => c.code);
    for (const code of ['KH', 'MM', 'TH', 'AE', 'QA']) expect(all).toContain(code);
    for (const c of getCountries()) {
      for (const l of ['id', 'en', 'jv'] as const) expect(c.name[l], `${c.code} ${l}`).toBeTruthy();
      expect(c.timezone, c.code).toMatch(/^[A-Z][a-z]+\/[A-Za-z_]+$/);
      expect(c.aliases, c.code).toBeDefined();
    }
  });

  it('matches typed names and aliases in any language, and nothing for an unknown place', () => {
    expect(matchCountry('Kamboja')?.code).toBe('KH');
    expect(matchCountry('cambodia')?.code).toBe('KH');
    expect(matchCountry('UEA')?.code).toBe('AE');
    expect(matchCountry('kerja di Dubai')?.code).toBe('AE');
    expect(matchCountry('Burma')?.code).toBe('MM');
    expect(matchCountry('Korea Kidul')?.code).toBe('KR');
    expect(matchCountry('Hongkong')?.code).toBe('HK');
    expect(matchCountry('Peru')).toBeUndefined();
    expect(matchCountry('')).toBeUndefined();
  });
});
