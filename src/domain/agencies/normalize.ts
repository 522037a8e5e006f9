/**
 * Normalization of agency names and license numbers, so that "P.T. Sumber Rezeki Abadi, Tbk"
 * and "sumber rejeki abadi" compare equal. Applied identically to the register and to queries.
 */

/** Legal-form words dropped from names (P3MI are limited companies; the form says nothing). */
const LEGAL_FORM_WORDS = new Set(['pt', 'tbk', 'persero', 'perseroan', 'terbatas']);
/** Words that mark the shipped fictional sample; ignored so "Contoh Kancil Jaya" = "Kancil Jaya". */
const SAMPLE_MARKER_WORDS = new Set(['contoh', 'fiktif', 'sample']);

/**
 * Old (pre-1972 "Soewandi") and common variant spellings, applied in this order to each word.
 * j and y are folded together last, so old "dj"/"j" and modern "j"/"y" meet ("Djaja" = "Jaya").
 */
const SPELLING_RULES: [RegExp, string][] = [
  [/oe/g, 'u'], // Soerabaja -> Surabaja
  [/dj/g, 'j'], // Djaja -> Jaja
  [/tj/g, 'c'], // Tjahaja -> Cahaja
  [/sj/g, 'sy'], // Sjarif -> Syarif
  [/ch/g, 'kh'], // Chairul -> Khairul
  [/kh/g, 'k'], // Akhir / Akir, Khadijah / Kadijah
  [/dh/g, 'd'], // Javanese dh: Widhi -> Widi
  [/th/g, 't'], // Prathama -> Pratama
  [/ph/g, 'f'],
  [/q/g, 'k'],
  [/z/g, 'j'], // Rezeki / Rejeki
  [/j/g, 'y'], // Jaja / Jaya, old j = y
  [/tion/g, 'sion'], // International / Internasional
];
/** Doubled letters are folded (Mulla / Mula), except in roman numerals (II is not I). */
const DOUBLED = /(.)\1+/g;
const ROMAN = /^[ivx]+$/;

/** Lower-cases, strips accents and punctuation; returns the words of a name, in order. */
export function nameWords(raw: string): string[] {
  const plain = raw
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    // "P.T." / "P. T." / "PT." at the start: join before punctuation becomes spaces.
    .replace(/^\s*p\s*\.?\s*t\s*\.?(?=\s|$)/, 'pt ')
    .replace(/&/g, ' dan ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
  if (!plain) return [];
  return plain.split(' ').filter((w) => !LEGAL_FORM_WORDS.has(w) && !SAMPLE_MARKER_WORDS.has(w)).map(respell);
}

/** One word in its canonical spelling. */
export function respell(word: string): string {
  let w = word;
  if (ROMAN.test(w)) return w;
  for (const [re, to] of SPELLING_RULES) w = w.replace(re, to);
  return w.replace(DOUBLED, '$1');
}

/** The normalized name as stored and indexed: canonical words joined by single spaces. */
export function normalizeName(raw: string): string {
  return nameWords(raw).join(' ');
}

/** License numbers compare without separators or case: "CONTOH/SIP3MI/0001/2024" = "contoh sip3mi 0001 2024". */
export function normalizeLicense(raw: string): string {
  return raw.normalize('NFKD').toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** True when a query looks like a license number rather than a name (it has digits). */
export function looksLikeLicense(raw: string): boolean {
  const n = normalizeLicense(raw);
  return (n.match(/[0-9]/g)?.length ?? 0) >= 3;
}
