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

/** Renders keys and Text values in a language. Created once at start-up; lookups are in memory. */
export class Translator {
  /** Texts without variables, per language by key: they never change after start-up. */
  private readonly plain = new Map<Lang, Map<string, string>>(LANGUAGES.map((l) => [l, new Map<string, string>()]));

  private constructor(private readonly i18n: I18n) {}

  /** `defaults` fill variables every text may use, such as {{region}}. */
  static create(defaults: Record<string, string> = {}, dir: string = LOCALES_DIR): Translator {
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
    return new Translator(inst);
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
    return this.i18n.t(key, { lng: lang, ...resolved });
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
