/** Home districts (kecamatan) of the regency as data (data/districts.json) and a case's home district and village. */
import fs from 'node:fs';
import path from 'node:path';
import type { DB } from '../store/db.js';
import { SHIPPED_DATA_DIR } from './reference.js';

/** Longest village name kept (villages are typed: no citable list exists). */
export const MAX_VILLAGE_CHARS = 60;

export interface District {
  id: string;
  name: string;
}

let districts: District[] | undefined;

/** The regency's districts, alphabetical. */
export function getDistricts(): District[] {
  districts ??= (JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'districts.json'), 'utf8')) as { districts: District[] }).districts;
  return districts;
}

/** A district by id, or undefined. */
export function districtById(id: string | null | undefined): District | undefined {
  return id ? getDistricts().find((d) => d.id === id) : undefined;
}

const words = (s: string): string => ` ${s.toLowerCase().replace(/[^a-z0-9]+/g, ' ').trim()} `;

/**
 * The district a typed address names ("Kembiritan, Genteng"), or undefined. "Banyuwangi" is also the
 * regency's name, so that district counts only when written as "kecamatan/kec Banyuwangi".
 */
export function districtInText(text: string | null | undefined): District | undefined {
  const t = words(text ?? '');
  const named = getDistricts().filter((d) => d.id !== 'banyuwangi' && t.includes(words(d.name)));
  if (named.length === 1) return named[0];
  if (named.length === 0 && /\s(kecamatan|kec)\s+banyuwangi\s/.test(t)) return districtById('banyuwangi');
  return undefined;
}

/** Stores where a report or request comes from at home (both optional; an unknown district id is dropped). */
export function setCaseHome(db: DB, caseId: number, district: string | null, village: string | null): void {
  const d = districtById(district)?.id ?? null;
  const v = village?.trim().slice(0, MAX_VILLAGE_CHARS) || null;
  db.prepare('UPDATE cases SET home_district = ?, home_village = ? WHERE id = ?').run(d, v, caseId);
}

/** A case's home district and village (null when not given). */
export function caseHome(db: DB, caseId: number): { district: string | null; village: string | null } {
  const row = db.prepare('SELECT home_district AS district, home_village AS village FROM cases WHERE id = ?').get(caseId) as
    | { district: string | null; village: string | null }
    | undefined;
  return row ?? { district: null, village: null };
}

/** Cases (reports, tips and requests) per home district, most first; cases without one left out. */
export function casesByDistrict(db: DB): { district: string; n: number }[] {
  return db
    .prepare('SELECT home_district AS district, COUNT(*) AS n FROM cases WHERE home_district IS NOT NULL GROUP BY home_district ORDER BY n DESC, home_district')
    .all() as { district: string; n: number }[];
}
