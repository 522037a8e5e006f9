/** Words that work from any state, in any language (DESIGN §4). Compared in matchForm. */

export type GlobalWord = 'menu' | 'cancel' | 'language' | 'stop' | 'subscribe' | 'emergency' | 'myData' | 'deleteData';

export const GLOBAL_WORDS: Record<GlobalWord, readonly string[]> = {
  menu: ['menu', '/start', '/menu', 'menú', 'start'],
  cancel: ['batal', 'cancel', '/cancel', 'batalkan', 'wurung'],
  language: ['bahasa', 'language', 'basa', '/language', '/bahasa'],
  stop: ['stop', 'berhenti', '/stop', 'unsubscribe', 'mandheg'],
  subscribe: ['mulai langganan', 'subscribe', '/subscribe', 'langganan'],
  emergency: ['sos', 'darurat', 'emergency', '/sos', 'tulung', 'tolong'],
  myData: ['data saya', 'my data', '/mydata', 'dataku', 'data kula'],
  deleteData: ['hapus data', 'delete my data', '/deletedata', 'hapus data saya', 'busak data'],
};

/** Words that skip an optional question. */
export const SKIP_WORDS: readonly string[] = ['-', 'lewati', 'skip', 'liwati', 'tidak tahu', "don't know", 'dont know', 'mboten ngertos'];

const lookup = new Map<string, GlobalWord>();
for (const [word, forms] of Object.entries(GLOBAL_WORDS) as [GlobalWord, readonly string[]][]) {
  for (const f of forms) lookup.set(f, word);
}

/** Returns the global word a (matchForm) text is, if any. */
export function globalWord(form: string): GlobalWord | null {
  return lookup.get(form) ?? null;
}
