/**
 * Who can apply to a programme and which documents to prepare (data/eligibility.json), shown to
 * applicants before they apply. Each item is a sourced fact or a placeholder for the operator; the
 * whole entry carries a "to be confirmed by the operator" note until an admin confirms it in the
 * dashboard (who and when, like the emergency contacts' verification). A confirmation holds a
 * fingerprint of the entry's texts, so a release that changes them brings the note back.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import { SHIPPED_DATA_DIR } from '../reference.js';

/** One line of an eligibility entry, in every language; a fact has a source, a placeholder says so. */
export interface EligibilityItem {
  text: Record<Lang, string>;
  source?: string;
  placeholder?: boolean;
}

export interface Eligibility {
  program: string;
  checked: string;
  /** Who can apply. */
  who: EligibilityItem[];
  /** What the help can be (optional background). */
  about: EligibilityItem[];
  /** Documents to prepare. */
  documents: EligibilityItem[];
}

export interface EligibilityConfirmation {
  program: string;
  confirmedByName: string;
  confirmedAt: number;
  /** False when the shipped texts changed since the confirmation. */
  current: boolean;
}

let cached: Eligibility[] | undefined;

/** Every programme's eligibility entry (data/eligibility.json), as shipped. */
export function allEligibility(): Eligibility[] {
  cached ??= (JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'eligibility.json'), 'utf8')) as { programs: Eligibility[] }).programs.map((e) => ({
    ...e,
    about: e.about ?? [],
  }));
  return cached;
}

/** The entry of one programme, if it takes applications. */
export function eligibilityOf(program: string | null | undefined): Eligibility | undefined {
  return allEligibility().find((e) => e.program === program);
}

/** The entry's lines in one language (for a chat message or the dashboard). */
export function eligibilityLines(e: Eligibility, lang: Lang): { who: string[]; about: string[]; documents: string[] } {
  const pick = (items: EligibilityItem[]) => items.map((i) => i.text[lang] ?? i.text.id);
  return { who: pick(e.who), about: pick(e.about), documents: pick(e.documents) };
}

/** A stable digest of what an admin confirms: every text of the entry in every language. */
export function eligibilityFingerprint(e: Eligibility): string {
  const parts = [e.who, e.about, e.documents].flatMap((items, n) => items.flatMap((i) => LANGUAGES.map((l) => `${n}:${l}=${i.text[l] ?? ''}`)));
  return crypto.createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 16);
}

/** Every stored confirmation by programme, with whether it still matches the shipped texts. */
export function eligibilityConfirmations(db: DB): Map<string, EligibilityConfirmation> {
  const rows = db.prepare('SELECT program_id, fingerprint, confirmed_by_name, confirmed_at FROM eligibility_confirmations').all() as {
    program_id: string;
    fingerprint: string;
    confirmed_by_name: string;
    confirmed_at: number;
  }[];
  const out = new Map<string, EligibilityConfirmation>();
  for (const r of rows) {
    const e = eligibilityOf(r.program_id);
    if (!e) continue;
    out.set(r.program_id, { program: r.program_id, confirmedByName: r.confirmed_by_name, confirmedAt: r.confirmed_at, current: eligibilityFingerprint(e) === r.fingerprint });
  }
  return out;
}

/** True when an admin confirmed the programme's current texts (the note is then not shown). */
export function isEligibilityConfirmed(db: DB, program: string): boolean {
  return eligibilityConfirmations(db).get(program)?.current === true;
}

/** Records that an admin confirmed a programme's current texts; false for an unknown programme. */
export function confirmEligibility(db: DB, program: string, officer: { id: number; username: string }, now: number): boolean {
  const e = eligibilityOf(program);
  if (!e) return false;
  db.prepare(
    `INSERT INTO eligibility_confirmations (program_id, fingerprint, confirmed_by, confirmed_by_name, confirmed_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (program_id) DO UPDATE SET fingerprint = excluded.fingerprint, confirmed_by = excluded.confirmed_by,
       confirmed_by_name = excluded.confirmed_by_name, confirmed_at = excluded.confirmed_at`,
  ).run(program, eligibilityFingerprint(e), officer.id, officer.username, now);
  return true;
}

/** Withdraws a confirmation (the note returns); false when there was none. */
export function withdrawEligibility(db: DB, program: string): boolean {
  return db.prepare('DELETE FROM eligibility_confirmations WHERE program_id = ?').run(program).changes > 0;
}
