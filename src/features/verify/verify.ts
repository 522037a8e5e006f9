/**
 * Verifiable announcements: `cek KODE` / `check CODE` / `priksa KODE` (any state, before a language
 * is chosen too), a pasted or forwarded message, or `cek` and a phone number answer whether it is
 * official. Officers see the "not official" checks on the dashboard.
 */
import type { TextTrigger } from '../../conversation/flow.js';
import { MIN_PASTE_CHARS, looksLikePhone } from '../../domain/broadcasts/verify.js';
import { codesIn, parseCode } from '../../domain/broadcasts/verifyCode.js';
import type { Feature } from '../feature.js';
import { verifyActions, verifyChecks } from './verifyActions.js';
import { scamChecksPage } from './dashboardPage.js';

export const VERIFY_FLOW = 'verify';
/** The words, in Indonesian, English and Javanese (and as commands). */
export const VERIFY_WORDS = ['cek', 'check', 'priksa', '/cek', '/check', '/priksa'] as const;
/**
 * After the word, a text shorter than this that is neither a code nor a number ("check my report")
 * is not taken as a pasted message; the menus handle it.
 */
export const MIN_PASTED_AFTER_WORD = 40;

/** What may follow the word: nothing (then we ask), a code, a number, or a pasted message. */
export function isVerifyRequest(rest: string): boolean {
  return !rest || parseCode(rest) !== null || looksLikePhone(rest) || codesIn(rest).length > 0 || rest.length >= MIN_PASTED_AFTER_WORD || rest.includes('\n');
}

/** A forwarded announcement (or a copy of one) carries a check code in the printed form. */
export function isForwardedAnnouncement(text: string): boolean {
  return text.length >= MIN_PASTE_CHARS && codesIn(text).length > 0;
}

const trigger: TextTrigger = {
  words: VERIFY_WORDS,
  flow: VERIFY_FLOW,
  accepts: isVerifyRequest,
  exact: (rest) => parseCode(rest) !== null || looksLikePhone(rest),
  whole: isForwardedAnnouncement,
};

export const verifyFeature: Feature = {
  name: 'verify',
  triggers: [trigger],
  actions: verifyActions,
  checks: verifyChecks,
  pages: [scamChecksPage],
  flows: [
    {
      id: VERIFY_FLOW,
      start: 'check',
      steps: {
        check: { call: 'verify.check', args: { text: '$args' }, on: { empty: 'ask', noLang: { flow: 'language' } }, next: 'end' },
        ask: { ask: 'verify.ask', check: 'verify.text', save: 'args', next: 'check' },
        end: { end: true },
      },
    },
  ],
};
