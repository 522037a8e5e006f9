/**
 * Finding agencies for what a person typed: a license number (exact after removing separators)
 * or a name (FTS5 trigram candidates, ranked by similarity.ts). Strong matches may be reported
 * with their status; weak ones are only offered as "did you mean".
 */
import type { DB } from '../../store/db.js';
import { looksLikeLicense, nameWords, normalizeLicense } from './normalize.js';
import { AGENCY_COLUMNS, type Agency, effectiveStatus } from './register.js';
import { STRONG_MAX_EDITS, type Similarity, WEAK_MIN_SCORE, isStrong, similarity } from './similarity.js';
import type { AgencyStatus } from './csvRows.js';

/** At most this many results are shown. */
export const MAX_RESULTS = 5;
/** Candidates fetched from the trigram index before exact scoring. */
export const CANDIDATE_LIMIT = 100;
/** A partial license number must have at least this many letters/digits to be searched. */
export const MIN_PARTIAL_LICENSE = 6;

export interface AgencyMatch {
  agency: Agency;
  /** Status to tell the user (expired when valid-until has passed). */
  status: AgencyStatus;
  strength: 'strong' | 'weak';
  score: number;
}

export interface LookupResult {
  by: 'license' | 'name';
  /** The normalized query (counted in agency_lookups). */
  queryNorm: string;
  matches: AgencyMatch[];
}

const statementCache = new WeakMap<DB, { byLicense: any; byLicensePart: any; byTrigrams: any; byId: any }>();
function statements(db: DB) {
  let s = statementCache.get(db);
  if (!s) {
    s = {
      byLicense: db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE license_norm = ? LIMIT ${MAX_RESULTS}`),
      byLicensePart: db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE instr(license_norm, ?) > 0 ORDER BY license_norm LIMIT ${MAX_RESULTS}`),
      byTrigrams: db.prepare(`SELECT rowid AS id, name_norm AS nameNorm FROM agencies_fts WHERE agencies_fts MATCH ? LIMIT ${CANDIDATE_LIMIT}`),
      byId: db.prepare(`SELECT ${AGENCY_COLUMNS} FROM agencies WHERE id = ?`),
    };
    statementCache.set(db, s);
  }
  return s;
}

/**
 * FTS5 (trigram) queries for candidates, strictest first; words of 3+ letters only (a trigram).
 * 1. every word as a substring, AND-ed in any order: exact names, "PT." variants, capitals, word
 *    order, and queries missing some of the name's words;
 * 2. each word as its first half OR its last half, AND-ed: one typo anywhere in a word leaves a
 *    half that still matches;
 * 3. as 2, with all words but one (a garbled or extra word, or a short word with a typo).
 * bm25 ranking is not used: over 10,000 rows it costs ~4 ms per OR-query, while these unranked
 * AND-queries take well under 1 ms; candidates are then scored in similarity.ts.
 */
export function candidateQueries(words: string[]): string[] {
  const long = words.filter((w) => w.length >= 3);
  if (!long.length) return [];
  const whole = long.map((w) => `"${w}"`);
  const half = long.map(halves);
  const queries = [whole.join(' AND '), half.join(' AND ')];
  if (long.length > 1) queries.push(half.map((_, i) => `(${half.filter((_, j) => j !== i).join(' AND ')})`).join(' OR '));
  return queries;
}

function halves(w: string): string {
  const n = Math.max(3, Math.ceil(w.length / 2));
  const pre = w.slice(0, n);
  const suf = w.slice(-n);
  return pre === suf ? `"${pre}"` : `("${pre}" OR "${suf}")`;
}

/** Looks up a query; `today` (YYYY-MM-DD, home time zone) decides which licenses have expired. */
export function findAgencies(db: DB, query: string, today: string): LookupResult {
  const st = statements(db);
  if (looksLikeLicense(query)) {
    const licenseNorm = normalizeLicense(query);
    const exact = st.byLicense.all(licenseNorm) as Agency[];
    if (exact.length) return { by: 'license', queryNorm: licenseNorm, matches: exact.map((a) => toMatch(a, 'strong', 1, today)) };
    if (licenseNorm.length >= MIN_PARTIAL_LICENSE) {
      const part = st.byLicensePart.all(licenseNorm) as Agency[];
      if (part.length) return { by: 'license', queryNorm: licenseNorm, matches: part.map((a) => toMatch(a, 'weak', 0.5, today)) };
    }
  }
  const words = nameWords(query);
  const queryNorm = words.join(' ');
  const scored: { a: { id: number; nameNorm: string }; s: Similarity }[] = [];
  const seen = new Set<number>();
  for (const fts of candidateQueries(words)) {
    for (const a of st.byTrigrams.all(fts) as { id: number; nameNorm: string }[]) {
      if (seen.has(a.id)) continue;
      seen.add(a.id);
      const s = similarity(words, a.nameNorm.split(' '));
      // "Did you mean" also when every typed word is in the name (a short query like "Karya").
      if (s.score >= WEAK_MIN_SCORE || (s.queryWordsPaired && s.edits <= STRONG_MAX_EDITS)) scored.push({ a, s });
    }
    // A strong candidate (or enough weak ones) from a stricter query: looser ones only add noise.
    if (scored.some((c) => isStrong(c.s)) || scored.length >= MAX_RESULTS) break;
  }
  // With an exact name in the register, near-names are other companies: offer them only as "did you mean".
  const exactExists = scored.some((c) => isStrong(c.s) && c.s.edits === 0);
  const ranked = scored.map((c) => ({ ...c, strong: isStrong(c.s) && (!exactExists || c.s.edits === 0) }));
  ranked.sort((x, y) => Number(y.strong) - Number(x.strong) || y.s.score - x.s.score || x.s.edits - y.s.edits || x.a.nameNorm.localeCompare(y.a.nameNorm) || x.a.id - y.a.id);
  const matches = ranked
    .slice(0, MAX_RESULTS)
    .map((c) => toMatch(st.byId.get(c.a.id) as Agency, c.strong ? 'strong' : 'weak', c.s.score, today));
  return { by: 'name', queryNorm, matches };
}

function toMatch(agency: Agency, strength: AgencyMatch['strength'], score: number, today: string): AgencyMatch {
  return { agency, status: effectiveStatus(agency, today), strength, score: Math.round(score * 1000) / 1000 };
}
