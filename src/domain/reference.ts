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
}

export interface HotlineNumber {
  kind: 'tollFreeIndonesia' | 'fromAbroad' | 'whatsapp' | 'phone';
  value: string;
}

export interface Hotline {
  id: string;
  name: string;
  /** Country codes it serves; "*" for everywhere. */
  countries: string[];
  numbers: HotlineNumber[];
  verified: boolean;
  source: string;
}

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, file), 'utf8')) as T;
}

let countries: Country[] | undefined;
let hotlines: Hotline[] | undefined;

/** The main destination countries, in the order menus show them. */
export function getCountries(): Country[] {
  countries ??= readJson<{ countries: Country[] }>('countries.json').countries;
  return countries;
}

export function countryByCode(code: string | null | undefined): Country | undefined {
  if (!code) return undefined;
  return getCountries().find((c) => c.code === code.toUpperCase());
}

/** Every published hotline, for every country. */
export function allHotlines(): Hotline[] {
  hotlines ??= readJson<{ hotlines: Hotline[] }>('contacts.json').hotlines;
  return hotlines;
}

/** Hotlines for a country (those for everywhere first, then the country's own). */
export function hotlinesFor(country: string | null | undefined): Hotline[] {
  const code = country?.toUpperCase();
  return allHotlines().filter((h) => h.countries.includes('*') || (code !== undefined && h.countries.includes(code)));
}
