/** Test helpers for the cases feature: officers, filing a report, reading references and PINs. */
import type { App } from '../app.js';
import type { Lang } from '../core/types.js';
import type { Vars } from '../conversation/flow.js';
import { TestUser } from './harness.js';
import type { Feature } from '../features/feature.js';
import { FEATURES } from '../features/index.js';

/** The officer chat configured in `casesTestEnv`. */
export const OFFICER_CHAT = '9001';
export const casesTestEnv = { OFFICER_TELEGRAM_IDS: `${OFFICER_CHAT},9002` };

/** A configured officer (Telegram) who has chosen a language, so notifications reach it. */
export async function startOfficer(app: App, lang: Lang = 'en', chatId = OFFICER_CHAT): Promise<TestUser> {
  const o = new TestUser(app, chatId, 'telegram');
  await o.start(lang);
  o.replies();
  return o;
}

/** A user who chose a language and is at the main menu. */
export async function startUser(app: App, lang: Lang, chatId?: string): Promise<TestUser> {
  const u = new TestUser(app, chatId);
  await u.start(lang);
  u.replies();
  return u;
}

/** Types each answer in turn; returns every reply of every turn, in order. */
export async function typeAll(user: TestUser, answers: string[]): Promise<string[]> {
  const all: string[] = [];
  for (const a of answers) all.push(...(await user.say(a)));
  return all;
}

/** The reference and PIN from the "report received" message. */
export function refAndPin(texts: string[]): { ref: string; pin: string } {
  const joined = texts.join('\n');
  const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec(joined)?.[1];
  const pin = /PIN: \*(\d{6})\*/.exec(joined)?.[1];
  if (!ref || !pin) throw new Error(`no reference/PIN in:\n${joined}`);
  return { ref, pin };
}

/** A translation as the user sees it (so tests follow the locale files). */
export function tr(app: App, lang: Lang, key: string, vars?: Vars): string {
  return app.translator.t(lang, key, vars);
}

export function count(app: App, table: string): number {
  return app.db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get() as number;
}

/**
 * Test-only doors into the urgent path and "send this to an officer", as the conversation engine
 * opens them: `/dangertest` then a message enters the emergency flow with `{ trigger: 'danger',
 * text }`; `/toofficertest` then a message enters the toOfficer flow with `{ text, confirm: 'yes' }`
 * (as for a message that was not understood); `/toofficernow` with `{ text }` (the person chose
 * "send this message to an officer").
 */
export const entryTestFeature: Feature = {
  name: 'entryTest',
  checks: { 'entryTest.any': ({ text }) => ({ ok: true, value: text }) },
  commands: {
    dangertest: { target: { flow: 'entryTest', step: 'danger' }, officerOnly: false },
    toofficertest: { target: { flow: 'entryTest', step: 'toOfficer' }, officerOnly: false },
    toofficernow: { target: { flow: 'entryTest', step: 'toOfficerNow' }, officerOnly: false },
  },
  flows: [
    {
      id: 'entryTest',
      start: 'danger',
      steps: {
        danger: { ask: 'common.empty', check: 'entryTest.any', save: 'said', next: { flow: 'emergency', with: { trigger: 'danger', text: '$said' } } },
        toOfficer: { ask: 'common.empty', check: 'entryTest.any', save: 'said', next: { flow: 'toOfficer', with: { text: '$said', confirm: 'yes' } } },
        toOfficerNow: { ask: 'common.empty', check: 'entryTest.any', save: 'said', next: { flow: 'toOfficer', with: { text: '$said' } } },
      },
    },
  ],
};

/** The helpline's features plus the test doors above. */
export const featuresWithEntries = (): Feature[] => [...FEATURES, entryTestFeature];

/** The reference in an urgent-path answer (shown in bold). */
export function refIn(texts: string[]): string {
  const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec(texts.join('\n'))?.[1];
  if (!ref) throw new Error(`no reference in:\n${texts.join('\n')}`);
  return ref;
}
