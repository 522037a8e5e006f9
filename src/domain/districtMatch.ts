/**
 * A typed home district matched to data/districts.json. People type a district the way they say it:
 * with the village ("Kemiren, Glagah"), in Javanese or old spelling ("Gentheng", "Singajuruh",
 * "Muntjar"), split ("Tegal Dlimo") or with a letter or two wrong ("Glenmor"). "Outside Banyuwangi"
 * is an answer too. Anything unclear gives the closest few districts to choose from, never a guess.
 */
import { osaDistance } from './agencies/similarity.js';
import { type District, MAX_VILLAGE_CHARS, districtById, getDistricts } from './places.js';

/** Most districts offered to choose from when a typed name is unclear. */
export const MAX_DISTRICT_CANDIDATES = 3;
/** Shortest typed beginning that may stand for a district name ("Rogo" for Rogojampi). */
const MIN_PREFIX = 4;
/** A misspelling is taken as the district only in a short answer; in a longer one it is offered to choose. */
const MAX_WORDS_FOR_FUZZY = 3;
/** Words left after the district that are taken as the village ("Desa Kemiren RT 2 RW 3"); more is not a village. */
const MAX_VILLAGE_WORDS = 6;
/** The id of the district that shares the regency's name. */
const REGENCY_DISTRICT = 'banyuwangi';

export type DistrictMatch =
  | { kind: 'district'; district: District; village: string | null }
  | { kind: 'outside' }
  | { kind: 'unsure'; candidates: District[] };

/** Words that say "outside (the regency)", in the three languages (people mix them). */
const OUTSIDE_WORDS = new Set(['luar', 'outside', 'elsewhere', 'njawi', 'jawi', 'sajawinipun', 'sanjawinipun']);
/** "Not": says "outside" only next to the regency's name ("bukan Banyuwangi"; "not sure" is not a place). */
const NOT_WORDS = new Set(['bukan', 'not', 'sanes', 'mboten', 'tidak']);
/** Words around a place name that name no place: administrative words, the province, "from", "my home". */
const FILLER_WORDS = new Set([
  'kecamatan', 'kec', 'kab', 'kabupaten', 'regency', 'district', 'subdistrict', 'kota', 'jawa', 'timur', 'jatim', 'east', 'java',
  'provinsi', 'prov', 'indonesia', 'dari', 'di', 'ing', 'saking', 'wonten', 'from', 'in', 'of', 'asal', 'saya', 'kula', 'my', 'i', 'am', 'rumah', 'griya', 'home',
]);
/** Words that precede the district's own name when "Banyuwangi" means the district, not the regency. */
const DISTRICT_MARKERS = new Set(['kecamatan', 'kec', 'kota']);

/** Lower case, accents and punctuation removed, single spaces. */
const plain = (s: string): string =>
  s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();

/**
 * A spelling key: Javanese and old Dutch spellings and doubled letters fold together, so
 * "Gentheng" = "Genteng", "Singajuruh" = "Singojuruh", "Muntjar" = "Muncar", "Pesangaran" = "Pesanggaran".
 */
function spellingKey(word: string): string {
  return word
    .replace(/dh/g, 'd')
    .replace(/th/g, 't')
    .replace(/dj/g, 'j')
    .replace(/tj/g, 'c')
    .replace(/oe/g, 'u')
    .replace(/o/g, 'a')
    .replace(/(.)\1+/g, '$1');
}

/** Letters that may be wrong in a name of this length (short names must be exact). */
const allowedEdits = (len: number): number => (len <= 4 ? 0 : len <= 7 ? 1 : 2);

interface Hit {
  district: District;
  edits: number;
  /** Indexes of the answer's words that spelled the name. */
  words: number[];
}

/** How each district is spelled by one word or two joined words of the answer, best first. */
function hits(words: string[]): Hit[] {
  const pieces: { key: string; words: number[] }[] = [];
  words.forEach((w, i) => {
    if (FILLER_WORDS.has(w) || OUTSIDE_WORDS.has(w) || NOT_WORDS.has(w) || /^\d+$/.test(w)) return;
    pieces.push({ key: spellingKey(w), words: [i] });
    const next = words[i + 1];
    if (next && !FILLER_WORDS.has(next) && !/^\d+$/.test(next)) pieces.push({ key: spellingKey(w + next), words: [i, i + 1] });
  });
  const best = new Map<string, Hit>();
  for (const d of getDistricts()) {
    const name = spellingKey(d.name.toLowerCase());
    for (const p of pieces) {
      let edits: number | null = null;
      if (p.key === name) edits = 0;
      else if (p.key.length >= MIN_PREFIX && name.startsWith(p.key)) edits = 1;
      else if (p.key.length >= MIN_PREFIX) {
        const e = osaDistance(p.key, name);
        if (e <= allowedEdits(name.length)) edits = e;
      }
      if (edits === null) continue;
      const had = best.get(d.id);
      // Named twice ("Kalibaru Wetan, Kalibaru"): the later one is the district, the earlier part of the village.
      if (!had || edits <= had.edits) best.set(d.id, { district: d, edits, words: p.words });
    }
  }
  return [...best.values()].sort((a, b) => a.edits - b.edits || a.district.name.localeCompare(b.district.name));
}

/** The districts closest to any word of the answer, for "which did you mean?" (may be empty). */
function nearest(words: string[]): District[] {
  const scored: { d: District; e: number }[] = [];
  for (const d of getDistricts()) {
    const name = spellingKey(d.name.toLowerCase());
    let e = Infinity;
    for (const w of words) if (w.length >= MIN_PREFIX && !FILLER_WORDS.has(w)) e = Math.min(e, osaDistance(spellingKey(w), name));
    if (e <= allowedEdits(name.length) + 2) scored.push({ d, e });
  }
  return scored.sort((a, b) => a.e - b.e || a.d.name.localeCompare(b.d.name)).slice(0, MAX_DISTRICT_CANDIDATES).map((x) => x.d);
}

/** What is left of the answer once the district and filler words are taken out, if it reads as a village. */
function villageOf(text: string, used: number[]): string | null {
  // The same word split as `plain` does, but keeping the person's own letters and case.
  const original = text.normalize('NFKD').replace(/\p{M}/gu, '').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const rest = original.filter((w, i) => !used.includes(i) && !FILLER_WORDS.has(w.toLowerCase()) && w.toLowerCase() !== REGENCY_DISTRICT);
  if (!rest.length || rest.length > MAX_VILLAGE_WORDS || !rest.some((w) => /[A-Za-z]{3,}/.test(w))) return null;
  return rest.join(' ').slice(0, MAX_VILLAGE_CHARS);
}

/** Matches a typed answer to "which district of the regency are you from?". */
export function matchDistrict(text: string): DistrictMatch {
  const words = plain(text).split(' ').filter(Boolean);
  const named = hits(words);
  // "Banyuwangi" is also the regency's name: with another district it is the regency.
  const others = named.filter((h) => h.district.id !== REGENCY_DISTRICT);
  const regency = named.find((h) => h.district.id === REGENCY_DISTRICT && h.edits === 0);
  const outside = words.some((w) => OUTSIDE_WORDS.has(w)) || (words.some((w) => NOT_WORDS.has(w)) && words.includes(REGENCY_DISTRICT));
  const short = words.filter((w) => !FILLER_WORDS.has(w)).length <= MAX_WORDS_FOR_FUZZY;
  const exact = others.filter((h) => h.edits === 0);
  if (exact.length === 1) return { kind: 'district', district: exact[0].district, village: villageOf(text, exact[0].words) };
  if (exact.length > 1) return { kind: 'unsure', candidates: exact.slice(0, MAX_DISTRICT_CANDIDATES).map((h) => h.district) };
  if (outside) return { kind: 'outside' };
  if (others.length) {
    const closest = others.filter((h) => h.edits === others[0].edits);
    if (closest.length === 1 && short) return { kind: 'district', district: closest[0].district, village: villageOf(text, closest[0].words) };
    return { kind: 'unsure', candidates: others.slice(0, MAX_DISTRICT_CANDIDATES).map((h) => h.district) };
  }
  if (regency) {
    const i = regency.words[0];
    const marked = i > 0 && DISTRICT_MARKERS.has(words[i - 1]);
    const d = districtById(REGENCY_DISTRICT) as District;
    // "Banyuwangi" alone may mean the regency: the person confirms the district of that name.
    return marked ? { kind: 'district', district: d, village: villageOf(text, regency.words) } : { kind: 'unsure', candidates: [d] };
  }
  return { kind: 'unsure', candidates: nearest(words) };
}
