import { describe, expect, it } from 'vitest';
import { LANGUAGES } from './core/types.js';
import { Translator, loadResources } from './i18n.js';
import type { Vars } from './core/text.js';

function flatten(obj: unknown, prefix = ''): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj as Record<string, unknown>)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === 'object') Object.assign(out, flatten(v, key));
    else out[key] = String(v);
  }
  return out;
}

const vars = (s: string) => new Set([...s.matchAll(/\{\{\s*(\w+)\s*\}\}/g)].map((m) => m[1]));

describe('locales', () => {
  const res = loadResources();
  const id = flatten(res.id);

  it('has texts to check', () => {
    expect(Object.keys(id).length).toBeGreaterThan(40);
  });

  for (const lang of LANGUAGES.filter((l) => l !== 'id')) {
    it(`${lang} has every key of Indonesian, no extra keys, and keeps every {{variable}}`, () => {
      const other = flatten(res[lang]);
      expect(Object.keys(other).filter((k) => !(k in id))).toEqual([]);
      expect(Object.keys(id).filter((k) => !(k in other))).toEqual([]);
      const dropped = Object.keys(id).filter((k) => [...vars(id[k])].some((v) => !vars(other[k]).has(v)));
      expect(dropped).toEqual([]);
    });
  }

  it('Javanese is translated, not Indonesian copied (except shared labels)', () => {
    const jv = flatten(res.jv);
    // Texts that are mostly {{variables}} and symbols (list line formats) may be the same.
    const words = (t: string) => t.replace(/\{\{\s*\w+\s*\}\}/g, '').replace(/[^\p{L}]+/gu, '');
    const copied = Object.keys(id).filter((k) => id[k] === jv[k] && words(id[k]).length > 20 && !k.endsWith('chooseLanguage'));
    expect(copied).toEqual([]);
  });

  it('renders with the region filled in and no leftover {{placeholders}}', () => {
    const tr = Translator.create({ region: 'Banyuwangi' });
    expect(tr.t('en', 'menu.title')).toContain('Banyuwangi');
    expect(tr.t('jv', 'common.tooLong', { max: 4000 })).toContain('4000');
    for (const lang of LANGUAGES) {
      for (const key of Object.keys(id)) {
        const given = Object.fromEntries([...vars(id[key])].map((v) => [v, 'x']));
        expect(tr.t(lang, key, given)).not.toMatch(/\{\{/);
      }
    }
  });
});

describe('texts with variables', () => {
  const fast = Translator.create({ region: 'Banyuwangi' });
  const slow = Translator.create({ region: 'Banyuwangi' }, undefined, { compiled: false });
  const res = loadResources();

  it('are rendered exactly as i18next renders them, for every key in every language', () => {
    let compared = 0;
    for (const lang of LANGUAGES) {
      for (const [key, text] of Object.entries(flatten(res[lang]))) {
        const names = [...vars(text)];
        if (!names.length) continue;
        // Values as people type them: spaces, $ patterns, numbers; and the default {{region}} left out.
        const given = names.filter((n) => n !== 'region');
        const samples = [
          Object.fromEntries(given.map((n) => [n, `Siti $& ${n} $1`])),
          Object.fromEntries(given.map((n, i) => [n, i])),
          Object.fromEntries(given.map((n) => [n, ''])),
        ];
        for (const v of samples) {
          expect(fast.t(lang, key, v), `${lang} ${key}`).toBe(slow.t(lang, key, v));
          compared++;
        }
      }
    }
    expect(compared).toBeGreaterThan(300);
  });

  it('fall back to i18next for what a template cannot say the same way', () => {
    const cases: Vars[] = [{ ref: '{{name}}' }, { ref: '$t(common.back)' }, { ref: 'BWI-2612-0001', count: 2 }, {}];
    for (const v of cases) {
      expect(fast.t('en', 'officer.readHint', v)).toBe(slow.t('en', 'officer.readHint', v));
    }
    expect(fast.t('jv', 'no.such.key', { a: 'x' })).toBe(slow.t('jv', 'no.such.key', { a: 'x' }));
  });
});
