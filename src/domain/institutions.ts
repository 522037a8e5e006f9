/** Institutions as data (data/institutions.json): the one name texts use, old names, referral targets. */
import fs from 'node:fs';
import path from 'node:path';
import type { Lang } from '../core/types.js';
import { SHIPPED_DATA_DIR } from './reference.js';

export interface Institution {
  id: string;
  kind: 'ministry' | 'hotline' | 'province' | 'local' | 'regency' | 'mission' | 'taskforce' | 'police';
  parent?: string;
  countries?: string[];
  short: string;
  /** Old names people may still use (e.g. BP2MI). */
  formerly: string[];
  fullName: string;
  /** The name texts and the dashboard show, per language. */
  display: Record<Lang, string>;
  /** The referral target id officers pick on a case, if cases can be referred here. */
  referral?: string;
  source: string;
  checked: string;
}

let institutions: Institution[] | undefined;

/** Every institution, in file order. */
export function getInstitutions(): Institution[] {
  institutions ??= (JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'institutions.json'), 'utf8')) as { institutions: Institution[] }).institutions;
  return institutions;
}

/** One institution by id; throws for an unknown id (a typo in code, not user input). */
export function institution(id: string): Institution {
  const found = getInstitutions().find((i) => i.id === id);
  if (!found) throw new Error(`Unknown institution "${id}": add it to data/institutions.json`);
  return found;
}

/** The institution cases are referred to under a referral target id, if any. */
export function institutionForReferral(target: string): Institution | undefined {
  return getInstitutions().find((i) => i.referral === target);
}

/** Referral target ids in file order. */
export function referralTargets(): string[] {
  return getInstitutions().flatMap((i) => (i.referral ? [i.referral] : []));
}
