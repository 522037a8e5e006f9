/**
 * Danger words in free text (the reviewed list in data/danger-words.json): a message that
 * contains one starts the urgent path, and a report or case message that contains one is urgent.
 * Phrases match whole words, ignoring case, accents and punctuation; a phrase right after a
 * negation ("saya tidak dipukul"), a question about contact information ("apa nomor polisi
 * kalau dipukul?") and a plea inside a question ("can you help me with my passport?") do not
 * count. Not a classifier: a false alarm costs less than a missed one.
 */
import fs from 'node:fs';
import path from 'node:path';
import { type Lang, LANGUAGES } from '../../core/types.js';
import { SHIPPED_DATA_DIR } from '../reference.js';

/** Words before a phrase that are searched for a negation. */
export const NEGATION_WINDOW_WORDS = 2;

export interface DangerGroup {
  lang: Lang;
  topic: string;
  /** 'harm' always counts; a 'plea' ("help me") does not count inside a question. */
  kind: 'harm' | 'plea';
  source: string;
  notes: string;
  phrases: string[];
}

export interface DangerList {
  negations: Record<Lang, string[]>;
  infoQuestion: { questionWords: string[]; infoWords: string[] };
  groups: DangerGroup[];
}

/** What was found: the language of the words and the phrase (as listed). */
export interface DangerFound {
  lang: Lang;
  phrase: string;
}

interface Phrase {
  words: string[];
  lang: Lang;
  text: string;
  plea: boolean;
}

/** Lower case, no accents or apostrophes, every other non-letter a space: the form phrases are compared in. */
export function dangerForm(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/['’`]/g, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** A matcher over one list (exported for tests; the app uses the shipped list). */
export class DangerMatcher {
  private readonly byFirst = new Map<string, Phrase[]>();
  private readonly negations: string[][];
  private readonly questionWords: string[][];
  private readonly infoWords: string[][];
  /** The last text looked at and what it held: a turn asks twice (the router's urgent lane, then the engine). */
  private last: { text: string; found: DangerFound | null } | undefined;

  constructor(list: DangerList) {
    for (const g of list.groups) {
      if (!(LANGUAGES as readonly string[]).includes(g.lang)) throw new Error(`data/danger-words.json: group "${g.topic}" has unknown language ${g.lang}`);
      for (const text of g.phrases) {
        const words = dangerForm(text);
        if (!words.length) continue;
        const list = this.byFirst.get(words[0]) ?? [];
        list.push({ words, lang: g.lang, text, plea: g.kind === 'plea' });
        this.byFirst.set(words[0], list);
      }
    }
    // People mix languages: a negation of any language counts.
    this.negations = Object.values(list.negations).flat().map(dangerForm);
    this.questionWords = list.infoQuestion.questionWords.map(dangerForm);
    this.infoWords = list.infoQuestion.infoWords.map(dangerForm);
  }

  /** The danger words in a text (their language by most matches), or null. */
  find(text: string | null | undefined): DangerFound | null {
    if (!text) return null;
    if (this.last?.text === text) return this.last.found && { ...this.last.found };
    const found = this.scan(text);
    this.last = { text, found };
    return found && { ...found };
  }

  private scan(text: string): DangerFound | null {
    const words = dangerForm(text);
    let found: Phrase[] = [];
    for (let i = 0; i < words.length; i++) {
      for (const p of this.byFirst.get(words[i]) ?? []) {
        if (startsAt(words, i, p.words) && !this.negated(words, i)) found.push(p);
      }
    }
    if (!found.length) return null;
    const asks = text.includes('?') || this.questionWords.some((q) => startsAt(words, 0, q));
    if (asks) {
      if (this.asksForInfo(words)) return null;
      found = found.filter((p) => !p.plea);
      if (!found.length) return null;
    }
    const score = new Map<Lang, number>();
    for (const p of found) score.set(p.lang, (score.get(p.lang) ?? 0) + 1);
    const best = found.reduce((a, p) => ((score.get(p.lang) as number) > (score.get(a.lang) as number) ? p : a), found[0]);
    return { lang: best.lang, phrase: best.text };
  }

  private negated(words: string[], at: number): boolean {
    const from = Math.max(0, at - NEGATION_WINDOW_WORDS);
    for (let i = from; i < at; i++) {
      if (this.negations.some((n) => n.length <= at - i && startsAt(words, i, n))) return true;
    }
    return false;
  }

  private asksForInfo(words: string[]): boolean {
    return words.some((_, i) => this.infoWords.some((w) => startsAt(words, i, w)));
  }
}

function startsAt(words: string[], i: number, phrase: string[]): boolean {
  if (i + phrase.length > words.length) return false;
  for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) return false;
  return true;
}

let shipped: DangerMatcher | undefined;

/** The shipped list (data/danger-words.json), read once. */
export function dangerMatcher(): DangerMatcher {
  shipped ??= new DangerMatcher(JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'danger-words.json'), 'utf8')) as DangerList);
  return shipped;
}

/** The danger words in a text, with their language, or null. */
export function findDanger(text: string | null | undefined): DangerFound | null {
  return dangerMatcher().find(text);
}

/** True when the text contains a danger word of any language (people mix languages). */
export function hasDangerWords(text: string | null | undefined): boolean {
  return findDanger(text) !== null;
}
