/** Home districts (kecamatan) of the regency as data (data/districts.json) and a case's home district and village. */
import fs from 'node:fs';
import path from 'node:path';
import type { VarValue } from '../core/text.js';
import { type DB, prepared } from '../store/db.js';
import { SHIPPED_DATA_DIR } from './reference.js';

/** Longest village name kept (villages are typed: no citable list exists). */
export const MAX_VILLAGE_CHARS = 60;
/** Stored as the home district of someone who is not from the regency. */
export const OUTSIDE_REGION = 'outside';
/** Most villages shown in one district's breakdown. */
export const MAX_VILLAGES_SHOWN = 20;

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

/** A stored home district: a district id, OUTSIDE_REGION, or null (unknown ids become null). */
export function homeDistrictId(id: string | null | undefined): string | null {
  return id === OUTSIDE_REGION ? OUTSIDE_REGION : (districtById(id)?.id ?? null);
}

/** Where someone's home is, as a text variable: "Glagah, Kemiren", "outside {{region}}", the village alone, or "-". */
export function homeVar(district: string | null, village: string | null): VarValue {
  if (district === OUTSIDE_REGION) return { t: 'home.outsideLabel' };
  const name = districtById(district)?.name;
  return [name, village].filter(Boolean).join(', ') || '-';
}

/** Stores where a report or request comes from at home (both optional; an unknown district id is dropped). */
export function setCaseHome(db: DB, caseId: number, district: string | null, village: string | null): void {
  const d = homeDistrictId(district);
  const v = village?.trim().slice(0, MAX_VILLAGE_CHARS) || null;
  prepared(db, 'UPDATE cases SET home_district = ?, home_village = ? WHERE id = ?').run(d, v, caseId);
}

/** A case's home district and village (null when not given). */
export function caseHome(db: DB, caseId: number): { district: string | null; village: string | null } {
  const row = prepared(db, 'SELECT home_district AS district, home_village AS village FROM cases WHERE id = ?').get(caseId) as
    | { district: string | null; village: string | null }
    | undefined;
  return row ?? { district: null, village: null };
}

/**
 * A case's home as a text variable; a request from before the home was asked shows the address
 * the family typed (`typed`, kept in its details).
 */
export function caseHomeVar(db: DB, caseId: number, typed?: string | null): VarValue {
  const home = caseHome(db, caseId);
  return homeVar(home.district, home.village ?? (typed || null));
}

/**
 * Cases of one home district per village, most first (villages are typed, so "kemiren" and
 * "Kemiren " count together, shown in one of their spellings); cases without a village left out.
 */
export function casesByVillage(db: DB, district: string): { village: string; n: number }[] {
  return db
    .prepare(
      `SELECT MIN(TRIM(home_village)) AS village, COUNT(*) AS n FROM cases WHERE home_district = ? AND home_village IS NOT NULL AND TRIM(home_village) != ''
       GROUP BY LOWER(TRIM(home_village)) ORDER BY n DESC, village LIMIT ?`,
    )
    .all(district, MAX_VILLAGES_SHOWN) as { village: string; n: number }[];
}

/** Cases (reports, tips and requests) per home district, most first; cases without one left out. */
export function casesByDistrict(db: DB): { district: string; n: number }[] {
  return db
    .prepare('SELECT home_district AS district, COUNT(*) AS n FROM cases WHERE home_district IS NOT NULL GROUP BY home_district ORDER BY n DESC, home_district')
    .all() as { district: string; n: number }[];
}
