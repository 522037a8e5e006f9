/**
 * Typing an option's words selects it (DESIGN §4): case-, accent-, space- and punctuation-
 * insensitive, with synonyms, and unique prefixes. Pure; the engine hands in the renderer.
 */
import type { FlowRegistry, Json, Text } from './flow.js';

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

const synonymLookups = new WeakMap<FlowRegistry, Map<string, string[]>>();
/** Normalized rendered labels by renderer (one per language) and key: labels never change after start-up. */
const renderedForms = new WeakMap<(text: Text) => string, Map<string, string>>();
/** Normalized raw labels (country names, references); bounded, since references are many. */
const rawForms = new Map<string, string>();
/** Raw labels kept normalized at most; the cache starts again when full. */
const MAX_CACHED_RAW_LABELS = 5_000;

function cachedNormal(cache: Map<string, string>, id: string, text: () => string): string {
  let form = cache.get(id);
  if (form === undefined) {
    if (cache === rawForms && rawForms.size >= MAX_CACHED_RAW_LABELS) rawForms.clear();
    cache.set(id, (form = normalizeLabel(text())));
  }
  return form;
}

/** A registry's synonyms, normalized once. */
function normalizedSynonyms(reg: FlowRegistry): Map<string, string[]> {
  let lookup = synonymLookups.get(reg);
  if (!lookup) {
    lookup = new Map(Object.entries(reg.synonyms).map(([k, list]) => [k, list.map(normalizeLabel).filter(Boolean)]));
    synonymLookups.set(reg, lookup);
  }
  return lookup;
}

/**
 * The normalized forms an option may be typed as: its label as `render` shows it (raw labels as
 * they are) and its synonyms by label key or value. Cached: labels do not change after start-up.
 */
export function optionForms(reg: FlowRegistry, label: Text, value: Json | undefined, render: ((text: Text) => string) | undefined): string[] {
  const forms: string[] = [];
  if ('raw' in label) forms.push(cachedNormal(rawForms, label.raw, () => label.raw));
  else if ('key' in label && render) {
    let byKey = renderedForms.get(render);
    if (!byKey) renderedForms.set(render, (byKey = new Map()));
    // Labels with vars change with the data: rendered each time.
    forms.push(label.vars ? normalizeLabel(render(label)) : cachedNormal(byKey, label.key, () => render(label)));
  }
  const synonyms = normalizedSynonyms(reg);
  if ('key' in label) forms.push(...(synonyms.get(label.key) ?? []));
  if (typeof value === 'string') forms.push(...(synonyms.get(value) ?? []));
  return forms;
}
