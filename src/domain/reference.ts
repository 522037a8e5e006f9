/** Reference data shipped in `data/` (countries, hotlines), loaded once and read-only. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lang } from '../core/types.js';

export const SHIPPED_DATA_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'data');

export interface Country {
  code: string;
  timezone: string;
  name: Record<Lang, string>;
  /** Other names people type, per language (matched in every language). */
  aliases?: Partial<Record<Lang, string[]>>;
  /** False for countries reported but not among the main destinations (not in the report menu). */
  main?: boolean;
}

/** A number in international form (`+` country code, digits, spaces or dashes): works from abroad. */
export interface HotlineNumber {
  kind: 'fromAbroad' | 'whatsapp' | 'phone';
  value: string;
}

/** A short or local number that works only when dialled inside `dialFrom` (police, ambulance, toll-free). */
export interface ShortCode {
  kind: 'police' | 'ambulance' | 'unified' | 'laborHotline' | 'tollFreeIndonesia';
  value: string;
  dialFrom: string;
}

export interface Hotline {
  id: string;
  name: string;
  /** The institution in data/institutions.json this entry belongs to, if any. */
  institution?: string;
  /** Country codes it serves; "*" for everywhere. */
  countries: string[];
  numbers: HotlineNumber[];
  shortCodes?: ShortCode[];
  /** Where the numbers come from (docs/SOURCES.md) and when that was checked (YYYY-MM-DD). */
  source: string;
  checked: string;
  /** Never set by the shipped file: true only once an admin confirmed the entry (see hotlineVerification.ts). */
  verified: boolean;
}

/** International form: a plus, then digits with single spaces or dashes between groups. */
export const INTERNATIONAL_NUMBER = /^\+\d[\d -]*\d$/;

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, file), 'utf8')) as T;
}

let countries: Country[] | undefined;
let hotlines: Hotline[] | undefined;

/** Every country the helpline knows: the main destinations first (menu order), then others reported. */
export function getCountries(): Country[] {
  countries ??= readJson<{ countries: Country[] }>('countries.json').countries;
  return countries;
}

/** The main destinations only: the countries the report menu lists, in order. */
export function menuCountries(): Country[] {
  return getCountries().filter((c) => c.main !== false);
}

const normalizeName = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * The country a typed name means ("Kamboja", "UAE", "di Dubai"), in any language, or undefined:
 * the whole text equal to a name or alias, else a name or alias of 4+ letters as a word in it.
 */
export function matchCountry(typed: string | null | undefined): Country | undefined {
  const text = normalizeName(typed ?? '');
  if (!text) return undefined;
  const namesOf = (c: Country) => [...Object.values(c.name), ...Object.values(c.aliases ?? {}).flat()].map(normalizeName);
  const exact = getCountries().find((c) => namesOf(c).includes(text));
  if (exact) return exact;
  const padded = ` ${text} `;
  return getCountries().find((c) => namesOf(c).some((n) => n.length >= 4 && padded.includes(` ${n} `)));
}

export function countryByCode(code: string | null | undefined): Country | undefined {
  if (!code) return undefined;
  return getCountries().find((c) => c.code === code.toUpperCase());
}

/** Every emergency-contact entry shipped in data/contacts.json, unverified. */
export function allHotlines(): Hotline[] {
  hotlines ??= readJson<{ hotlines: Omit<Hotline, 'verified'>[] }>('contacts.json').hotlines.map((h) => ({ ...h, verified: false }));
  return hotlines;
}

/** Hotlines for a country (those for everywhere first, then the country's own). */
export function hotlinesFor(country: string | null | undefined): Hotline[] {
  const code = country?.toUpperCase();
  return allHotlines().filter((h) => h.countries.includes('*') || (code !== undefined && h.countries.includes(code)));
}
