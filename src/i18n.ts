/** Translations: i18next over `locales/{id,en,jv}/*.json`; each file is a top-level key group. */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import i18next, { type i18n as I18n } from 'i18next';
import { LANGUAGES, type Lang } from './core/types.js';
import type { Text, VarValue, Vars } from './core/text.js';

export const LOCALES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'locales');

/** Reads every locale file into i18next resources. */
export function loadResources(dir: string = LOCALES_DIR): Record<Lang, Record<string, unknown>> {
  const out = {} as Record<Lang, Record<string, unknown>>;
  for (const lang of LANGUAGES) {
    const group: Record<string, unknown> = {};
    const langDir = path.join(dir, lang);
    for (const f of fs.readdirSync(langDir).filter((n) => n.endsWith('.json')).sort()) {
      group[f.slice(0, -5)] = JSON.parse(fs.readFileSync(path.join(langDir, f), 'utf8'));
    }
    out[lang] = group;
  }
  return out;
}

/**
 * A text with `{{name}}` placeholders split once into literal parts and variable names, so filling
 * it is a join instead of an i18next call (~10 µs with interpolation; a report's last message
 * renders dozens). Only plain placeholders qualify; anything else stays with i18next.
 */
interface Template {
  parts: string[];
  names: string[];
}

/** i18next's default placeholder pattern (prefix `{{`, suffix `}}`). */
const PLACEHOLDER = /\{\{(.+?)\}\}/g;
/** A placeholder that is only a variable name: no format (`,`), unescape (`-`), or path (`.`). */
const PLAIN_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
/** Variable names i18next reads as options of t() (plurals, context, language…): those texts stay with i18next. */
const I18NEXT_OPTIONS = new Set(['count', 'context', 'ordinal', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'returnDetails', 'joinArrays', 'postProcess', 'interpolation', 'replace', 'keySeparator', 'nsSeparator', 'fallbackLng', 'skipInterpolation', 'nest']);

/** Splits a stored text into a Template, or null when i18next must render it. */
function compileTemplate(text: unknown): Template | null {
  if (typeof text !== 'string' || text.includes('$t(')) return null;
  const parts: string[] = [];
  const names: string[] = [];
  let last = 0;
  for (const m of text.matchAll(PLACEHOLDER)) {
    const name = m[1].trim();
    if (!PLAIN_NAME.test(name)) return null;
    parts.push(text.slice(last, m.index));
    names.push(name);
    last = (m.index as number) + m[0].length;
  }
  parts.push(text.slice(last));
  return { parts, names };
}

/** Renders keys and Text values in a language. Created once at start-up; lookups are in memory. */
export class Translator {
  /** Texts without variables, per language by key: they never change after start-up. */
  private readonly plain = new Map<Lang, Map<string, string>>(LANGUAGES.map((l) => [l, new Map<string, string>()]));
  /** Texts with variables, per language by key, split once (null: rendered by i18next). */
  private readonly templates = new Map<Lang, Map<string, Template | null>>(LANGUAGES.map((l) => [l, new Map<string, Template | null>()]));

  private constructor(
    private readonly i18n: I18n,
    private readonly defaults: Record<string, string>,
    /** False renders every text with variables through i18next (tests compare both ways). */
    private readonly compiled: boolean,
  ) {}

  /** `defaults` fill variables every text may use, such as {{region}}. */
  static create(defaults: Record<string, string> = {}, dir: string = LOCALES_DIR, opts: { compiled?: boolean } = {}): Translator {
    const resources = loadResources(dir);
    const inst = i18next.createInstance();
    void inst.init({
      initAsync: false,
      lng: 'id',
      fallbackLng: 'id',
      supportedLngs: [...LANGUAGES],
      resources: Object.fromEntries(Object.entries(resources).map(([l, r]) => [l, { translation: r }])),
      interpolation: { escapeValue: false, defaultVariables: defaults },
      returnNull: false,
    });
    return new Translator(inst, defaults, opts.compiled ?? true);
  }

  /** True when the key exists in this language (no fallback). */
  has(lang: Lang, key: string): boolean {
    return this.i18n.exists(key, { lng: lang, fallbackLng: false });
  }

  t(lang: Lang, key: string, vars?: Vars): string {
    // i18next costs ~10 µs a call; menus repeat the same labels on every turn.
    if (!vars) {
      let cache = this.plain.get(lang);
      if (!cache) this.plain.set(lang, (cache = new Map<string, string>()));
      let text = cache.get(key);
      if (text === undefined) cache.set(key, (text = this.i18n.t(key, { lng: lang })));
      return text;
    }
    const resolved: Record<string, string | number> = {};
    for (const [k, v] of Object.entries(vars ?? {})) resolved[k] = this.value(lang, v);
    const filled = this.compiled ? this.fill(lang, key, resolved) : undefined;
    return filled ?? this.i18n.t(key, { lng: lang, ...resolved });
  }

  /**
   * The text filled from its template, or undefined when i18next must render it: the key is
   * missing in this language (i18next falls back), a placeholder has no value, a variable name is
   * an i18next option, or a value holds `{{` or `$t(` (i18next's own handling of those stays).
   */
  private fill(lang: Lang, key: string, resolved: Record<string, string | number>): string | undefined {
    let cache = this.templates.get(lang);
    if (!cache) this.templates.set(lang, (cache = new Map<string, Template | null>()));
    let tpl = cache.get(key);
    if (tpl === undefined) {
      tpl = this.has(lang, key) ? compileTemplate(this.i18n.getResource(lang, 'translation', key)) : null;
      cache.set(key, tpl);
    }
    if (!tpl) return undefined;
    for (const name in resolved) {
      const v = resolved[name];
      if (I18NEXT_OPTIONS.has(name) || (typeof v === 'string' && (v.includes('{{') || v.includes('$t(')))) return undefined;
    }
    let out = tpl.parts[0];
    for (let i = 0; i < tpl.names.length; i++) {
      const name = tpl.names[i];
      const v = Object.hasOwn(resolved, name) ? resolved[name] : Object.hasOwn(this.defaults, name) ? this.defaults[name] : undefined;
      if (v === undefined) return undefined;
      out += String(v) + tpl.parts[i + 1];
    }
    return out;
  }

  render(lang: Lang, text: Text): string {
    if ('raw' in text) return text.raw;
    if ('lines' in text) return text.lines.map((l) => this.render(lang, l)).join('\n');
    return this.t(lang, text.key, text.vars);
  }

  private value(lang: Lang, v: VarValue): string | number {
    return typeof v === 'object' ? this.t(lang, v.t, v.vars) : v;
  }
}
