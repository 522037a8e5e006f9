/**
 * How close a query name is to a registered name, on normalized words (see normalize.ts).
 *
 * Score: word-order-independent edit similarity. Each query word is paired with at most one
 * register word (greedy, closest pairs first); the cost is the Damerau-Levenshtein (optimal string
 * alignment) distance of each pair plus the full length of every unpaired word on either side, and
 * score = 1 - cost / (letters in the longer side). The same is computed on the names with spaces
 * removed ("Sumberrejeki" = "Sumber Rejeki") and the better of the two is kept.
 * Why this and not trigram Jaccard alone: typos in short Indonesian words ("Abdi"/"Abadi") destroy
 * most of a word's trigrams, while an edit distance counts them as the one letter they are; and the
 * edit count gives a rule people can check ("at most 2 letters wrong, no word missing or added").
 * Trigrams (SQLite FTS5) are used only to fetch candidates quickly.
 */

/** A match this good, with no word missing or extra, may be reported with its status. */
export const STRONG_MIN_SCORE = 0.8;
/** At most this many wrong/missing/swapped letters in a strong match (typos). */
export const STRONG_MAX_EDITS = 2;
/** Below this a candidate is not even offered as "did you mean". */
export const WEAK_MIN_SCORE = 0.5;

export interface Similarity {
  /** 0..1, 1 = same normalized words in any order. */
  score: number;
  /** Letter edits between the paired words (or the joined names). */
  edits: number;
  /** Words present on one side only (missing or extra words). */
  unpairedWords: number;
  /** Every query word found a counterpart in the name (the name may have more words). */
  queryWordsPaired: boolean;
}

// Three reusable rows for osaDistance (names are short; grown on demand).
let rows = [new Int32Array(64), new Int32Array(64), new Int32Array(64)];

/** Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count as one edit). */
export function osaDistance(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length;
  const m = b.length;
  if (!n) return m;
  if (!m) return n;
  if (rows[0].length <= m) rows = [new Int32Array(m + 1), new Int32Array(m + 1), new Int32Array(m + 1)];
  let [prev2, prev, cur] = rows;
  for (let j = 0; j <= m; j++) prev[j] = j;
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    const ai = a.charCodeAt(i - 1);
    const ai1 = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= m; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = prev[j - 1] + (ai === bj ? 0 : 1);
      if (prev[j] + 1 < v) v = prev[j] + 1;
      if (cur[j - 1] + 1 < v) v = cur[j - 1] + 1;
      if (j > 1 && ai === b.charCodeAt(j - 2) && ai1 === bj && prev2[j - 2] + 1 < v) v = prev2[j - 2] + 1;
      cur[j] = v;
    }
    const t = prev2;
    prev2 = prev;
    prev = cur;
    cur = t;
  }
  return prev[m];
}

const letters = (words: string[]) => words.reduce((s, w) => s + w.length, 0);
/** Numbers and roman numerals tell sister companies apart ("Karya II"): they must match exactly. */
const ORDINAL = /^([0-9]+|i{1,3}|iv|vi{0,3}|ix|x)$/;

/** Compares two normalized word lists; order of words does not matter. */
export function similarity(query: string[], name: string[]): Similarity {
  const total = Math.max(letters(query), letters(name), 1);
  // All pairs, closest (relative to word length) first; each word used once.
  const pairs: { i: number; j: number; d: number; rel: number }[] = [];
  for (let i = 0; i < query.length; i++) {
    for (let j = 0; j < name.length; j++) {
      if ((ORDINAL.test(query[i]) || ORDINAL.test(name[j])) && query[i] !== name[j]) continue;
      // Cheap bound first: the length difference alone is at least the distance.
      if (Math.abs(query[i].length - name[j].length) > Math.max(query[i].length, name[j].length) / 2) continue;
      const d = osaDistance(query[i], name[j]);
      const rel = d / Math.max(query[i].length, name[j].length);
      // A pair that differs in more than half its letters is two different words.
      if (rel <= 0.5) pairs.push({ i, j, d, rel });
    }
  }
  pairs.sort((x, y) => x.rel - y.rel || x.d - y.d);
  const usedQ = new Set<number>();
  const usedN = new Set<number>();
  let edits = 0;
  for (const p of pairs) {
    if (usedQ.has(p.i) || usedN.has(p.j)) continue;
    usedQ.add(p.i);
    usedN.add(p.j);
    edits += p.d;
  }
  let unpairedCost = 0;
  query.forEach((w, i) => (unpairedCost += usedQ.has(i) ? 0 : w.length));
  name.forEach((w, j) => (unpairedCost += usedN.has(j) ? 0 : w.length));
  const unpairedWords = query.length - usedQ.size + (name.length - usedN.size);
  const byWords: Similarity = { score: 1 - (edits + unpairedCost) / total, edits, unpairedWords, queryWordsPaired: usedQ.size === query.length };

  // Spacing differences ("Sumberrejeki Abadi"): compare the joined names when word counts differ.
  if (query.length !== name.length && ![...query, ...name].some((w) => ORDINAL.test(w))) {
    const a = query.join('');
    const b = name.join('');
    // The distance is at least the length difference: skip when that alone cannot beat byWords.
    if (1 - Math.abs(a.length - b.length) / Math.max(a.length, b.length, 1) > byWords.score) {
      const d = osaDistance(a, b);
      const joined: Similarity = { score: 1 - d / Math.max(a.length, b.length, 1), edits: d, unpairedWords: 0, queryWordsPaired: true };
      if (joined.score > byWords.score) return joined;
    }
  }
  return byWords;
}

/** A strong match: few letter edits, no word missing or added, high score. */
export function isStrong(s: Similarity): boolean {
  return s.unpairedWords === 0 && s.edits <= STRONG_MAX_EDITS && s.score >= STRONG_MIN_SCORE;
}
