/**
 * Property-based: random and hostile inputs (empty, 100 kB, emoji, RTL, zero-width, control
 * characters, HTML, SQL-looking text, numbers out of range, unexpected media, edited messages,
 * group messages, button taps) fed into every main-menu entry and every officer command, in every
 * language. Each turn must: not fail (no 'error' result, nothing thrown), answer at least once with a
 * reply in the contact's language, and leave the session valid JSON of the current version.
 */
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { SESSION_VERSION } from '../conversation/session.js';
import { LANGUAGES, type Inbound, type Lang, type MediaKind } from '../core/types.js';
import { REPO_ROOT } from '../testing/processes.js';
import { TestUser, createTestApp } from '../testing/harness.js';

/** Bounded so the suite stays around 20 s on a shared 2-core machine. */
export const RUNS = Number(process.env.HOSTILE_RUNS ?? 2000);
const SEED = Number(process.env.HOSTILE_SEED ?? 424242);
const OFFICERS = ['8101', '8102', '8103'];

// ---- inputs ------------------------------------------------------------------------------------

const BIG = 'A'.repeat(100 * 1024);
const BIG_EMOJI = '😀'.repeat(26_000);
const control = fc.string({ unit: fc.integer({ min: 0, max: 31 }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const hostileText = fc.oneof(
  fc.constantFrom('', ' ', '\n\n', '\t', BIG, BIG_EMOJI),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  control,
  fc.constantFrom('😀🙏🏽👩‍👩‍👧‍👦', '🇮🇩🇭🇰', '1️⃣', '٣', '１', 'Ⅻ'),
  fc.constantFrom('مرحبا، أحتاج مساعدة', 'שלום \u202Eevil\u202C', '\u202E1\u202C', '\u200F2'),
  fc.constantFrom('\u200B', '1\u200B', '\u200C\u200D\uFEFF', '\u2060menu\u2060'),
  fc.constantFrom('<script>alert(1)</script>', '<b>*bold*</b> _x_ ~y~ `z`', '&lt;&amp;', '{{region}} {{0}} $data.pin @menu.title'),
  fc.constantFrom("'; DROP TABLE cases; --", '1 OR 1=1', "BWI-2611-0001' --", '%', '_', 'NULL', '\\x00'),
  fc.integer({ min: -1_000_000_000, max: 1_000_000_000 }).map(String),
  fc.constantFrom('0', '00', '-1', '99', '1e309', '0x10', 'NaN', '9'.repeat(400), '1.5', '+1'),
  fc.constantFrom('menu', 'batal', 'bahasa', 'sos', 'stop', 'subscribe', 'data saya', '/start', '/case', '/reply', '/status BWI-0000-0000 bogus', '/cases@other_bot', '/'),
  fc.tuple(fc.string({ maxLength: 5 }), fc.constantFrom('1', '2', '3', '-', 'done')).map(([a, b]) => `${a}${b}`),
);
const mediaKind = fc.constantFrom<MediaKind | 'bogus'>('image', 'audio', 'voice', 'video', 'document', 'sticker', 'location', 'contact', 'other', 'bogus');
const media = fc.record(
  {
    kind: mediaKind,
    mime: fc.option(fc.oneof(fc.constantFrom('image/jpeg', 'application/x-msdownload', '../../etc/passwd', ''), fc.string({ maxLength: 20 })), { nil: undefined }),
    size: fc.option(fc.oneof(fc.integer({ min: -1, max: 2 ** 40 }), fc.constant(Number.NaN)), { nil: undefined }),
    fileName: fc.option(fc.constantFrom('a.jpg', '../../../x.sh', '', 'x'.repeat(300), 'évidence 📷.pdf'), { nil: undefined }),
    ref: fc.option(fc.string({ maxLength: 30 }), { nil: undefined }),
    latitude: fc.option(fc.double(), { nil: undefined }),
    longitude: fc.option(fc.double(), { nil: undefined }),
  },
  { requiredKeys: ['kind'] },
);
const extra = fc.oneof(
  { weight: 6, arbitrary: fc.constant({}) },
  { weight: 2, arbitrary: media.map((m) => ({ media: m as Inbound['media'] })) },
  { weight: 1, arbitrary: fc.constant({ kind: 'edit' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'tap' as const }) },
  { weight: 1, arbitrary: fc.constant({ group: true }) },
);
const hostileInput = fc.record({ text: hostileText, extra });

// ---- "in the contact's language" -----------------------------------------------------------------

/** Fragments (≥ 12 characters) of every translation that occur in one language only. */
function languageFragments(): Record<Lang, string[]> {
  const all = {} as Record<Lang, Set<string>>;
  for (const lang of LANGUAGES) {
    const set = new Set<string>();
    const walk = (v: unknown) => {
      if (typeof v === 'string') {
        for (const part of v.split(/\{\{[^}]*\}\}|\n|\*/)) if (part.trim().length >= 12) set.add(part.trim());
      } else if (v && typeof v === 'object') Object.values(v).forEach(walk);
    };
    const dir = path.join(REPO_ROOT, 'locales', lang);
    for (const f of fs.readdirSync(dir)) walk(JSON.parse(fs.readFileSync(path.join(dir, f), 'utf8')));
    all[lang] = set;
  }
  const out = {} as Record<Lang, string[]>;
  for (const lang of LANGUAGES) out[lang] = [...all[lang]].filter((p) => LANGUAGES.every((o) => o === lang || ![...all[o]].some((q) => q.includes(p))));
  return out;
}

// ---- the property ----------------------------------------------------------------------------------

let app: App;
let fragments: Record<Lang, string[]>;
let chatSeq = 0;
const tried = { turns: 0, runs: 0 };
beforeAll(() => {
  app = createTestApp({ env: { OFFICER_TELEGRAM_IDS: OFFICERS.join(',') } });
  fragments = languageFragments();
});
afterAll(async () => {
  await app?.stop();
  console.log(`hostile input: ${tried.runs} runs, ${tried.turns} hostile turns, no failure`);
});

function sessionOk(u: TestUser): void {
  const c = u.contact()!;
  const row = app.db.prepare('SELECT state, version FROM sessions WHERE contact_id = ?').get(c.id) as { state: string; version: number };
  const s = JSON.parse(row.state) as { v: number; flow: unknown; step: unknown; data: unknown; trail: unknown };
  expect(row.version).toBe(SESSION_VERSION);
  expect(s.v).toBe(SESSION_VERSION);
  expect(typeof s.flow === 'string' && typeof s.step === 'string').toBe(true);
  expect(typeof s.data === 'object' && s.data !== null && !Array.isArray(s.data)).toBe(true);
  expect(Array.isArray(s.trail)).toBe(true);
}

/** One hostile turn: no failure, a reply in the contact's language, a valid session. */
async function hostileTurn(u: TestUser, input: { text: string; extra: Partial<Inbound> }): Promise<void> {
  const result = await u.send(input.text, input.extra);
  expect(result).toBe('handled');
  const replies = u.replies();
  expect(replies.length).toBeGreaterThan(0);
  const lang = u.contact()!.language as Lang;
  // The language chooser speaks all three languages at once.
  const chooser = app.translator.t(lang, 'common.chooseLanguage').split('\n')[0];
  const inLang = replies.some((r) => r.startsWith(chooser) || fragments[lang].some((f) => r.includes(f)));
  if (!inLang) throw new Error(`no reply in ${lang} for ${JSON.stringify(input).slice(0, 200)}:\n${replies.join('\n---\n').slice(0, 1500)}`);
  sessionOk(u);
  tried.turns++;
}

const ENTRIES = ['1', '2', '3', '4', '5', '6', '7', '8'];

describe('hostile input into every flow, in every language', () => {
  it('main-menu entries and officer commands survive random and hostile input', async () => {
    const commands = Object.keys(app.built.registry.commands);
    expect(commands.length).toBeGreaterThan(5);
    const entry = fc.oneof(
      fc.record({ kind: fc.constant('menu' as const), pick: fc.constantFrom(...ENTRIES) }),
      fc.record({ kind: fc.constant('command' as const), pick: fc.constantFrom(...commands) }),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...LANGUAGES), entry, fc.array(hostileInput, { minLength: 1, maxLength: 4 }), async (lang, start, inputs) => {
        tried.runs++;
        const officer = start.kind === 'command';
        const u = new TestUser(app, officer ? OFFICERS[LANGUAGES.indexOf(lang)] : `hostile-${++chatSeq}`, officer ? 'telegram' : 'console');
        if (!u.contact()?.language) await u.start(lang);
        await u.say('menu');
        if (u.contact()!.language !== lang) await u.say('bahasa').then(() => u.say(String(LANGUAGES.indexOf(lang) + 1)));
        u.replies();
        await hostileTurn(u, { text: officer ? `/${start.pick}` : start.pick, extra: {} });
        for (const input of inputs) await hostileTurn(u, input);
      }),
      { numRuns: RUNS, seed: SEED, endOnFailure: true },
    );
    expect(tried.turns).toBeGreaterThan(RUNS);
  }, 120_000);
});
