/** Assistance programs and the FAQ: content is data (data/*.json) plus texts in locales. */
import fs from 'node:fs';
import path from 'node:path';
import { LANGUAGES } from '../../core/types.js';
import { loadResources } from '../../i18n.js';
import { SHIPPED_DATA_DIR } from '../reference.js';

/** Matches shown for one FAQ search. */
export const MAX_FAQ_RESULTS = 5;
/** Words shorter than this are ignored when searching (and, di, of ...). */
export const MIN_WORD_CHARS = 3;

export interface ContentItem {
  id: string;
  /** Translation key prefix of the item's texts. */
  texts: string;
  /** A programme that holds sessions people sign up for (skills training, Ruang Rindu). */
  sessions?: boolean;
  /** The programme takes an application with a status (eligibility in data/eligibility.json). */
  apply?: boolean;
}

let programs: ContentItem[] | undefined;
let faq: ContentItem[] | undefined;
let keywordIndex: Map<string, string[]> | undefined;

function readData<T>(file: string): T {
  return JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, file), 'utf8')) as T;
}

/** The programs, in menu order (data/programs.json). */
export function getPrograms(): ContentItem[] {
  programs ??= readData<{ programs: ContentItem[] }>('programs.json').programs;
  return programs;
}

export function programById(id: string | null | undefined): ContentItem | undefined {
  return getPrograms().find((p) => p.id === id);
}

/** True for a programme that takes applications (data/programs.json `apply`). */
export function takesApplications(program: string | null | undefined): boolean {
  return programById(program)?.apply === true;
}

/** The FAQ entries (data/faq.json). */
export function getFaq(): ContentItem[] {
  faq ??= readData<{ faq: ContentItem[] }>('faq.json').faq;
  return faq;
}

/** Lower case, accents and punctuation removed, single spaces. */
export function normalize(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined), tree);
}

/** Keywords of every FAQ entry in all three languages (a user may type in any of them). */
function index(): Map<string, string[]> {
  if (keywordIndex) return keywordIndex;
  const res = loadResources();
  keywordIndex = new Map();
  for (const item of getFaq()) {
    const words: string[] = [];
    for (const lang of LANGUAGES) {
      const kw = lookup(res[lang], `${item.texts}.keywords`);
      if (typeof kw === 'string') words.push(...kw.split(',').map(normalize).filter(Boolean));
    }
    keywordIndex.set(item.id, [...new Set(words)]);
  }
  return keywordIndex;
}

/** FAQ entries matching typed words, best first: a keyword phrase in the text, or a word sharing its start. */
export function searchFaq(query: string): ContentItem[] {
  const text = ` ${normalize(query)} `;
  const words = text.split(' ').filter((w) => w.length >= MIN_WORD_CHARS);
  const scored: { item: ContentItem; score: number }[] = [];
  for (const item of getFaq()) {
    let score = 0;
    for (const kw of index().get(item.id) ?? []) {
      if (kw.includes(' ') ? text.includes(` ${kw} `) : words.some((w) => w === kw || (w.length >= 4 && kw.length >= 4 && (kw.startsWith(w) || w.startsWith(kw))))) {
        score += kw.includes(' ') ? 2 : 1;
      }
    }
    if (score > 0) scored.push({ item, score });
  }
  return scored.sort((a, b) => b.score - a.score).slice(0, MAX_FAQ_RESULTS).map((s) => s.item);
}
