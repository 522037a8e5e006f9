/**
 * Free-text search in the inbox: words of the case's reference, worker's name, story and thread —
 * reporter messages, officer replies, status notes, internal notes — through the FTS5 index
 * `case_text` (one document per case, migration 027; LIKE over 500,000 messages costs seconds, see
 * BENCHMARKS.md).
 * The typed text never becomes SQL or FTS syntax: only its letters and digits are used, each as a
 * quoted word matched as a prefix, all required (anywhere in the case). Text with no letter or
 * digit (such as "%") is looked for in the story with LIKE, its wildcards escaped.
 */

import type { DB } from '../../store/db.js';

/** Words of a search used (the rest is ignored). */
export const MAX_SEARCH_WORDS = 8;
/** A word shorter than this matches whole words only (a one-letter prefix matches nearly everything). */
export const MIN_PREFIX_CHARS = 2;

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The FTS5 query for typed text: every word, quoted, as a prefix; null when there is no word. */
export function ftsQuery(q: string): string | null {
  const words = (q.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, MAX_SEARCH_WORDS);
  if (!words.length) return null;
  return words.map((w) => `"${w}"${w.length >= MIN_PREFIX_CHARS ? '*' : ''}`).join(' ');
}

/** Per database: which search the temp table holds, and the index stamp it was filled at. */
const filled = new WeakMap<DB, string>();

/**
 * A stamp that changes whenever the search index changes: another connection committed anything
 * (`data_version`), or this one changed the index (its triggers bump `caseText.version`).
 */
function indexStamp(db: DB): string {
  return `${db.pragma('data_version', { simple: true })}:${db.prepare("SELECT value FROM kv WHERE key = 'caseText.version'").pluck().get() ?? ''}`;
}

/**
 * Fills `temp.inbox_hits` with the ids of the cases matching the search, unless it already holds
 * this search and the index did not change since: an inbox page asks three times (count, page, status
 * tabs), and for a word found in most cases the index lookup is most of the page's cost.
 */
function fillHits(db: DB, fts: string, ref: string): void {
  const search = `${fts}\u0000${ref}`;
  if (filled.get(db) === `${search}\u0000${indexStamp(db)}`) return;
  db.exec('CREATE TEMP TABLE IF NOT EXISTS inbox_hits (id INTEGER PRIMARY KEY)');
  db.exec('DELETE FROM temp.inbox_hits');
  db.prepare('INSERT OR IGNORE INTO temp.inbox_hits (id) SELECT id FROM cases WHERE ref = ? UNION SELECT rowid FROM case_text WHERE case_text MATCH ?').run(ref, fts);
  // Inside a transaction the fill could be rolled back with it: used, not remembered.
  if (db.inTransaction) filled.delete(db);
  else filled.set(db, `${search}\u0000${indexStamp(db)}`);
}

/**
 * The condition over `cases c` for typed text: a whole reference (`ref`, already normalized), or
 * every word in the case's text. Only case ids are compared, so the inbox's count, page and status
 * tabs read the narrow status index (a common word matches most of 50,000 cases). With `db`, the
 * matching ids are looked up once and kept in a temp table while nothing is written.
 */
export function textSearchWhere(q: string, ref: string | null, db?: DB): { sql: string; params: string[] } {
  const fts = ftsQuery(q);
  if (!fts) return { sql: "(c.ref = ? OR c.description LIKE ? ESCAPE '\\')", params: [ref ?? '', `%${likeEscape(q)}%`] };
  if (db) {
    fillHits(db, fts, ref ?? '');
    return { sql: '+c.id IN (SELECT id FROM temp.inbox_hits)', params: [] };
  }
  return {
    sql: '+c.id IN (SELECT id FROM cases WHERE ref = ? UNION ALL SELECT rowid FROM case_text WHERE case_text MATCH ?)',
    params: [ref ?? '', fts],
  };
}
