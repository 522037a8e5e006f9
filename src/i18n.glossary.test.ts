/**
 * Terminology: every text in locales/ keeps to docs/GLOSSARY.md. The glossary's "Not" column lists,
 * per language, words that drifted in before (nomor referensi, ponsel, punika, "sampun" as "don't",
 * "asma" for things); this test fails on any of them, naming the file, key and word.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const LANGS = ['id', 'en', 'jv'] as const;

/** `lang: words` entries of the glossary's last column. */
function forbidden(): { lang: string; words: string }[] {
  const md = fs.readFileSync(path.join(ROOT, 'docs', 'GLOSSARY.md'), 'utf8');
  const out: { lang: string; words: string }[] = [];
  for (const line of md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| ---') && !l.startsWith('| Concept'))) {
    const last = line.split('|').at(-2) ?? '';
    for (const m of last.matchAll(/`(id|en|jv): ([^`]+)`/g)) out.push({ lang: m[1], words: m[2] });
  }
  return out;
}

/** Every text value of a language's locale files with its file and key (search keywords left out). */
function texts(lang: string): { where: string; text: string }[] {
  const out: { where: string; text: string }[] = [];
  const walk = (v: unknown, where: string) => {
    if (typeof v === 'string') out.push({ where, text: v });
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) if (k !== 'keywords') walk(x, `${where}.${k}`);
  };
  const dir = path.join(ROOT, 'locales', lang);
  for (const f of fs.readdirSync(dir).filter((f) => f.endsWith('.json'))) walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')), `${lang}/${f.slice(0, -5)}`);
  return out;
}

/** Whole-word match, any case; an entry that starts or ends with punctuation (", hubungi") needs no word edge there. */
function contains(text: string, words: string): boolean {
  const esc = words.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const before = /^\p{L}/u.test(words) ? '(^|[^\\p{L}])' : '';
  const after = /\p{L}$/u.test(words) ? '($|[^\\p{L}])' : '';
  return new RegExp(`${before}${esc}${after}`, 'iu').test(text);
}

describe('terminology (docs/GLOSSARY.md)', () => {
  const rules = forbidden();

  it('the glossary lists forbidden words for Indonesian and Javanese', () => {
    expect(rules.filter((r) => r.lang === 'id').map((r) => r.words)).toContain('nomor referensi');
    expect(rules.filter((r) => r.lang === 'jv').map((r) => r.words)).toEqual(expect.arrayContaining(['punika', 'tapak asma', 'Sampun mbayar']));
  });

  it('the check itself finds a drifted word', () => {
    expect(contains('Simpan nomor referensi Anda.', 'nomor referensi')).toBe(true);
    expect(contains('Priksa menika.', 'nami')).toBe(false);
    expect(contains('wonten ing bebaya sapunika, hubungi kontak', ', hubungi')).toBe(true);
  });

  for (const lang of LANGS)
    it(`[${lang}] no text uses a word the glossary rules out`, () => {
      const found: string[] = [];
      for (const { where, text } of texts(lang)) for (const r of rules.filter((x) => x.lang === lang)) if (contains(text, r.words)) found.push(`${where}: "${r.words}"`);
      expect(found).toEqual([]);
    });

  it('[jv] "asma" is used only for people (the person spoken to, the worker)', () => {
    const wrong = texts('jv').filter(({ text }) => /\basma\b(?! (panjenengan|jangkep))/u.test(text));
    expect(wrong.map((w) => w.where)).toEqual([]);
  });

  it('[id] official terms come in brackets after plain words', () => {
    for (const term of ['PHK sepihak', 'non-prosedural', 'reintegrasi', 'overstay'])
      for (const { where, text } of texts('id').filter((t) => t.text.includes(term))) expect(text, where).toMatch(new RegExp(`\\((?:[^)]*)${term}`));
  });
});
