/**
 * Words that work from any state, in any language (DESIGN §4), compared in matchForm. These are
 * the engine's own words; features add words that open their flows (`FlowRegistry.words`).
 */
import type { WordDef } from './flow.js';

export type GlobalWord = 'menu' | 'cancel' | 'language' | 'stop' | 'subscribe' | 'emergency';

export const GLOBAL_WORDS: Record<GlobalWord, readonly string[]> = {
  menu: ['menu', '/start', '/menu', 'menú', 'start'],
  cancel: ['batal', 'cancel', '/cancel', 'batalkan', 'wurung'],
  language: ['bahasa', 'language', 'basa', '/language', '/bahasa'],
  stop: ['stop', 'berhenti', '/stop', 'unsubscribe', 'mandheg'],
  subscribe: ['mulai langganan', 'subscribe', '/subscribe', 'langganan'],
  emergency: ['sos', 'darurat', 'emergency', '/sos', 'tulung', 'tolong'],
};

/** Words that skip an optional question. */
export const SKIP_WORDS: readonly string[] = ['-', 'lewati', 'skip', 'liwati', 'tidak tahu', "don't know", 'dont know', 'mboten ngertos'];

const lookup = new Map<string, GlobalWord>();
for (const [word, forms] of Object.entries(GLOBAL_WORDS) as [GlobalWord, readonly string[]][]) {
  for (const f of forms) lookup.set(f, word);
}

/** Returns the engine's global word a (matchForm) text is, if any. */
export function globalWord(form: string): GlobalWord | null {
  return lookup.get(form) ?? null;
}

/** Builds the lookup of feature words (form → flow id); a form that is already a word is an error message. */
export function featureWordLookup(words: Record<string, WordDef>): { lookup: Map<string, string>; problems: string[] } {
  const out = new Map<string, string>();
  const problems: string[] = [];
  for (const [name, def] of Object.entries(words)) {
    for (const f of def.forms) {
      if (lookup.has(f)) problems.push(`word "${f}" of ${name} is already the engine's word "${lookup.get(f)}"`);
      else if (out.has(f)) problems.push(`word "${f}" of ${name} is defined twice`);
      else out.set(f, def.flow);
    }
  }
  return { lookup: out, problems };
}
