/**
 * What understanding words costs (issue: "menus understand words", "danger anywhere"): the
 * danger-word check that runs on every message, and a turn at the main menu answered with a
 * number, a typed label and free text (which is kept and offered to an officer). Measured on the
 * pure engine in this process, best of several rounds, in µs; the conversation rows put it beside
 * the mean cost of a whole message.
 */
import { turn } from '../../src/conversation/engine.js';
import type { ContactView, Text } from '../../src/conversation/flow.js';
import { buildRegistry } from '../../src/conversation/registry.js';
import { freshSession } from '../../src/conversation/session.js';
import { FEATURES } from '../../src/features/index.js';
import { Translator } from '../../src/i18n.js';
import { COMPLAINT_SCRIPT } from './transcripts.js';

/** Rounds measured; the best one is kept (the machine is shared). */
const ROUNDS = 7;

export interface MatchingCost {
  /** The danger check, per message of the complaint transcript. */
  dangerUs: number;
  /** A turn at the main menu answered "6", "safe migration" and free text. */
  numberUs: number;
  labelUs: number;
  freeTextUs: number;
}

function best(loops: number, fn: (i: number) => void): number {
  let min = Infinity;
  for (let r = 0; r < ROUNDS; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < loops; i++) fn(i);
    min = Math.min(min, Number(process.hrtime.bigint() - t0) / loops / 1000);
  }
  return min;
}

/** Measures the matching costs; `loops` per round (a few thousand is enough). */
export function matchingCost(loops = 5_000): MatchingCost {
  const reg = buildRegistry(FEATURES).registry;
  const tr = Translator.create({ region: 'Banyuwangi' });
  const texts = COMPLAINT_SCRIPT.steps.map((s) => s.text);
  const danger = reg.danger ?? (() => null);
  const contact: ContactView = { lang: 'en', role: 'user', subscribed: false, country: null, audience: null };
  const render = (t: Text) => tr.render('en', t);
  const atMain = { ...freshSession(), flow: 'main', step: 'menu' };
  const at = (text: string) => () => turn(reg, atMain, { text, kind: 'message', contact, now: 0, render });
  return {
    dangerUs: best(loops * 4, (i) => danger(texts[i % texts.length])),
    numberUs: best(loops, at('6')),
    labelUs: best(loops, at('safe migration')),
    freeTextUs: best(loops, at('my boss has not paid me')),
  };
}
