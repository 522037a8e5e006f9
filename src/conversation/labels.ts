/**
 * Typing an option's words selects it (DESIGN §4): case-, accent-, space- and punctuation-
 * insensitive, with synonyms, and unique prefixes. Pure; the engine hands in the forms.
 */

/** A typed prefix shorter than this never selects (two letters match too much); synonyms may be shorter. */
export const MIN_PREFIX_CHARS = 3;

const MARKS = /\p{M}/gu;
const NOT_WORD = /[^\p{L}\p{N}]/gu;

/** The comparable form of a label or typed text: no accents, case, spaces or punctuation. */
export function normalizeLabel(s: string): string {
  return s.normalize('NFD').replace(MARKS, '').toLowerCase().replace(NOT_WORD, '');
}

/**
 * The option a typed text names: an exact form of exactly one option first, else a prefix (at
 * least MIN_PREFIX_CHARS) of the forms of exactly one option. `options[i]` holds option i's
 * normalized forms. Returns the index, or -1 when nothing or more than one option fits.
 */
export function matchLabel(typed: string, options: readonly (readonly string[])[]): number {
  const t = normalizeLabel(typed);
  if (!t) return -1;
  const exact = uniqueIndex(options, (f) => f === t);
  if (exact !== -1) return exact;
  if (t.length < MIN_PREFIX_CHARS) return -1;
  return uniqueIndex(options, (f) => f.startsWith(t));
}

function uniqueIndex(options: readonly (readonly string[])[], fits: (form: string) => boolean): number {
  let found = -1;
  for (const [i, forms] of options.entries()) {
    if (!forms.some(fits)) continue;
    if (found !== -1) return -1;
    found = i;
  }
  return found;
}
