/**
 * Saved replies: short texts officers reuse, one version per language, with the variables
 * {{ref}}, {{name}} and {{officer}}. A reply is sent in the reporter's language when a version
 * exists, else in Indonesian, else in any language there is (the officer is shown which).
 */
import type { DB } from '../../store/db.js';
import type { Lang } from '../../core/types.js';
import { LANGUAGES } from '../../core/types.js';

/** Shortnames: what follows `/` in the reply box or `#` in `/reply REF #shortname`. */
export const SHORTNAME = /^[a-z0-9][a-z0-9_-]{0,31}$/;
/** Longest saved reply text. */
export const MAX_SAVED_REPLY_CHARS = 3000;
/** The language tried after the reporter's own. */
const FALLBACK_LANG: Lang = 'id';

export interface SavedReply {
  id: number;
  shortname: string;
  language: Lang;
  body: string;
  updatedAt: number;
}

/** Every saved reply, by shortname then language. */
export function listSavedReplies(db: DB): SavedReply[] {
  return db
    .prepare('SELECT id, shortname, language, body, updated_at AS updatedAt FROM saved_replies ORDER BY shortname, language')
    .all() as SavedReply[];
}

/** What is wrong with a saved reply as typed, or null. */
export function savedReplyProblem(shortname: string, language: string, body: string): 'shortname' | 'language' | 'body' | null {
  if (!SHORTNAME.test(shortname)) return 'shortname';
  if (!(LANGUAGES as readonly string[]).includes(language)) return 'language';
  if (!body.trim() || body.length > MAX_SAVED_REPLY_CHARS) return 'body';
  return null;
}

/** Creates or replaces the version of a saved reply in one language. */
export function saveSavedReply(db: DB, r: { shortname: string; language: Lang; body: string }, officerId: number, now: number): void {
  db.prepare(
    `INSERT INTO saved_replies (shortname, language, body, updated_by, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (shortname, language) DO UPDATE SET body = excluded.body, updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
  ).run(r.shortname, r.language, r.body.trim(), officerId, now);
}

/** Deletes one language version (true when there was one). */
export function deleteSavedReply(db: DB, id: number): boolean {
  return db.prepare('DELETE FROM saved_replies WHERE id = ?').run(id).changes > 0;
}

/** The version to send to a reporter who reads `lang`: theirs, else Indonesian, else any. */
export function pickSavedReply(db: DB, shortname: string, lang: Lang | null): SavedReply | undefined {
  const versions = listSavedReplies(db).filter((r) => r.shortname === shortname);
  return versions.find((r) => r.language === lang) ?? versions.find((r) => r.language === FALLBACK_LANG) ?? versions[0];
}

/** The shortnames there are, each with the version a reporter reading `lang` would get. */
export function savedRepliesFor(db: DB, lang: Lang | null): SavedReply[] {
  const names = [...new Set(listSavedReplies(db).map((r) => r.shortname))];
  return names.map((n) => pickSavedReply(db, n, lang) as SavedReply);
}

/** Fills {{ref}}, {{name}} and {{officer}} (unknown variables are left as typed). */
export function fillSavedReply(body: string, vars: { ref: string; name: string | null; officer: string }): string {
  return body.replace(/\{\{\s*(ref|name|officer)\s*\}\}/g, (_m, k: 'ref' | 'name' | 'officer') => (k === 'name' ? (vars.name ?? '') : vars[k]).trim());
}

/** The language a case's reporter reads: the case's, else their chat's, else null. */
export function readerLanguage(db: DB, c: { language: string | null; reporterContactId: number | null }): Lang | null {
  const lang = c.language ?? (c.reporterContactId === null ? null : (db.prepare('SELECT language FROM contacts WHERE id = ?').pluck().get(c.reporterContactId) as string | null));
  return lang && (LANGUAGES as readonly string[]).includes(lang) ? (lang as Lang) : null;
}

/**
 * A reply typed as just `/shortname` or `#shortname` becomes that saved reply, filled and in the
 * reporter's language; anything else is returned as typed (`used` absent).
 */
export function expandShortcut(
  db: DB,
  text: string,
  c: { ref: string; workerName: string | null; language: string | null; reporterContactId: number | null },
  officer: string,
): { text: string; used?: SavedReply } {
  const m = /^[/#]([a-z0-9][a-z0-9_-]{0,31})$/.exec(text.trim());
  const used = m ? pickSavedReply(db, m[1], readerLanguage(db, c)) : undefined;
  return used ? { text: fillSavedReply(used.body, { ref: c.ref, name: c.workerName, officer }), used } : { text };
}
