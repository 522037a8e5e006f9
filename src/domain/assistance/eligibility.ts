/**
 * Who can apply to a programme and which documents to prepare (data/eligibility.json), shown to
 * applicants before they apply. Each item is a sourced fact or a placeholder for the operator; the
 * whole entry carries a "to be confirmed by the operator" note until an admin confirms it in the
 * dashboard (who and when, like the emergency contacts' verification). A confirmation holds a
 * fingerprint of the entry's texts, so a release that changes them brings the note back. An admin
 * may also rewrite an entry's texts in the dashboard (table eligibility_texts): they replace the
 * shipped entry until reset, and need a confirmation of their own.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { DB } from '../../store/db.js';
import { SHIPPED_DATA_DIR } from '../reference.js';

/** Items per section one edit may hold, and characters per item. */
export const MAX_ELIGIBILITY_ITEMS = 20;
export const MAX_ELIGIBILITY_ITEM_CHARS = 500;

export const ELIGIBILITY_SECTIONS = ['who', 'about', 'documents'] as const;
export type EligibilitySection = (typeof ELIGIBILITY_SECTIONS)[number];

/** One line of an eligibility entry, in every language; a fact has a source, a placeholder says so. */
export interface EligibilityItem {
  text: Record<Lang, string>;
  source?: string;
  placeholder?: boolean;
  /** Written by an admin in the dashboard (see Eligibility.editedBy). */
  operator?: boolean;
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
  /** Set when an admin rewrote the texts in the dashboard (they replace the shipped entry). */
  editedBy?: { name: string; at: number };
}

/** Texts an admin writes: per section and language, one item per line (the same count in every language). */
export type EligibilityTexts = Record<EligibilitySection, Record<Lang, string[]>>;

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

/** The entry as people see it now: an admin's texts if any, else the shipped entry. */
export function currentEligibility(db: DB, program: string | null | undefined): Eligibility | undefined {
  const shipped = eligibilityOf(program);
  if (!shipped) return undefined;
  const row = db.prepare('SELECT content, edited_by_name, edited_at FROM eligibility_texts WHERE program_id = ?').get(shipped.program) as
    | { content: string; edited_by_name: string; edited_at: number }
    | undefined;
  if (!row) return shipped;
  const texts = JSON.parse(row.content) as EligibilityTexts;
  const items = (section: EligibilitySection): EligibilityItem[] =>
    texts[section].id.map((_, n) => ({ text: Object.fromEntries(LANGUAGES.map((l) => [l, texts[section][l][n] ?? ''])) as Record<Lang, string>, operator: true }));
  return { program: shipped.program, checked: shipped.checked, who: items('who'), about: items('about'), documents: items('documents'), editedBy: { name: row.edited_by_name, at: row.edited_at } };
}

/** What is wrong with texts an admin wrote (translation keys under dashboard.programmes.error), or []. */
export function eligibilityTextProblems(texts: EligibilityTexts): string[] {
  const problems = new Set<string>();
  for (const section of ELIGIBILITY_SECTIONS) {
    const counts = LANGUAGES.map((l) => texts[section][l].length);
    if (new Set(counts).size > 1) problems.add('sameCount');
    if (section !== 'about' && counts.some((n) => n === 0)) problems.add('required');
    if (counts.some((n) => n > MAX_ELIGIBILITY_ITEMS)) problems.add('tooMany');
    if (LANGUAGES.some((l) => texts[section][l].some((line) => line.length > MAX_ELIGIBILITY_ITEM_CHARS))) problems.add('tooLong');
  }
  return [...problems];
}

/** Stores an admin's texts for a programme (they replace the shipped entry); false for an unknown programme or texts with problems. */
export function saveEligibilityTexts(db: DB, program: string, texts: EligibilityTexts, officer: { id: number; username: string }, now: number): boolean {
  if (!eligibilityOf(program) || eligibilityTextProblems(texts).length) return false;
  db.prepare(
    `INSERT INTO eligibility_texts (program_id, content, edited_by, edited_by_name, edited_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (program_id) DO UPDATE SET content = excluded.content, edited_by = excluded.edited_by,
       edited_by_name = excluded.edited_by_name, edited_at = excluded.edited_at`,
  ).run(program, JSON.stringify(texts), officer.id, officer.username, now);
  return true;
}

/** Goes back to the shipped texts; false when there were no texts of an admin. */
export function resetEligibilityTexts(db: DB, program: string): boolean {
  return db.prepare('DELETE FROM eligibility_texts WHERE program_id = ?').run(program).changes > 0;
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

/** Every stored confirmation by programme, with whether it still matches the current texts. */
export function eligibilityConfirmations(db: DB): Map<string, EligibilityConfirmation> {
  const rows = db.prepare('SELECT program_id, fingerprint, confirmed_by_name, confirmed_at FROM eligibility_confirmations').all() as {
    program_id: string;
    fingerprint: string;
    confirmed_by_name: string;
    confirmed_at: number;
  }[];
  const out = new Map<string, EligibilityConfirmation>();
  for (const r of rows) {
    const e = currentEligibility(db, r.program_id);
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
  const e = currentEligibility(db, program);
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
