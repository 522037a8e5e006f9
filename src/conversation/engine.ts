/**
 * The pure conversation engine: (registry, state, input) -> (state, effects, maybe a call).
 * It does no I/O. When a step calls an action, the engine stops and returns the call; the router
 * runs the action inside the turn's transaction and hands the result back with `resume`.
 *
 * The engine knows no feature's flow names: it leads to the entry points features registered
 * (`FlowRegistry.entries`) and opens the flows of features' global words (`FlowRegistry.words`).
 * The order in which a message is looked at is in docs/conversation.md.
 */
import { type Lang, LANGUAGES } from '../core/types.js';
import { setPath } from './dataPath.js';
import type { ActionResult, FlowRegistry, MenuStep, OptionDef, Step, TurnInput } from './flow.js';
import { globalWord } from './globalWords.js';
import { type SessionState, copyJson } from './session.js';
import { MAX_INPUT_CHARS, cleanText, matchForm } from './text.js';
import { Turn, type TurnOutput, featureWords } from './turn.js';

export { getPath } from './dataPath.js';
export { type Effect, FlowLoopError, MAX_STEPS_PER_TURN, type PendingCall, type TurnOutput } from './turn.js';

/** A first message (before a language is chosen) with at least this many words tells a story: it is kept. */
export const STORY_MIN_WORDS = 5;

/** Handles one inbound message. */
export function turn(reg: FlowRegistry, stateIn: SessionState, input: TurnInput): TurnOutput {
  const state = copyJson(stateIn);
  const text = cleanText(input.text);
  const form = matchForm(text);
  const contact = input.contact;

  const lost = state.lost ?? (state.flow && state.step && !reg.flows[state.flow]?.steps[state.step] ? `unknown step ${state.flow}/${state.step}` : null);
  delete state.lost;
  if (state.paused && !reg.flows[state.paused.flow]?.steps[state.paused.step]) state.paused = null;
  const t = new Turn(reg, state, input);
  if (lost) t.restart(lost);

  // Danger words count even in a message too long to keep (its start is kept for the officers).
  if (dangerous(t, text.slice(0, MAX_INPUT_CHARS), form)) return t.output();
  if (text.length > MAX_INPUT_CHARS) {
    state.kept = t.kept;
    t.say('common.tooLong', { max: MAX_INPUT_CHARS });
    return t.output();
  }
  if (input.kind === 'edit') {
    t.say('common.editIgnored');
    return t.output();
  }

  const word = globalWord(form);
  if (word === 'emergency') {
    t.pauseHere();
    t.go({ flow: t.entry('emergency') }, { trigger: 'sos' });
    return t.output();
  }
  const triggered = word ? null : matchTrigger(reg, text, t.step());
  if (triggered) {
    // Like emergency help: a report half-written continues after the check.
    t.pauseHere();
    t.go({ flow: triggered.flow }, { args: triggered.rest });
    return t.output();
  }
  const leavesLanguage = word === 'menu' || word === 'cancel';
  if (!contact.lang || (state.flow === t.entry('language') && !leavesLanguage) || word === 'language') {
    return chooseLanguage(t, text, form, word === 'language');
  }
  if (input.group && !form.startsWith('/')) {
    // Reports are never collected in a group: answer with a pointer to a private chat.
    t.say('common.groupNotice');
    return t.output();
  }
  switch (word) {
    case 'menu':
      t.goMain();
      return t.output();
    case 'cancel':
      if (state.flow && state.flow !== t.entry('main')) t.say('common.cancelled');
      t.goMain();
      return t.output();
    case 'stop':
      t.effects.push({ type: 'contact', patch: { subscribed: false } });
      t.say('common.unsubscribed');
      t.reprompt();
      return t.output();
    case 'subscribe':
      t.effects.push({ type: 'contact', patch: { subscribed: true } });
      t.say('common.subscribed');
      t.reprompt();
      return t.output();
  }
  const featureFlow = featureWords(reg).get(form);
  if (featureFlow) {
    t.go({ flow: featureFlow });
    return t.output();
  }
  if (form.startsWith('/')) {
    const [head, ...rest] = text.trim().split(/\s+/);
    const name = head.slice(1).split('@')[0].toLowerCase();
    const cmd = reg.commands[name];
    if (cmd) {
      if (cmd.officerOnly && contact.role !== 'officer') {
        t.effects.push({ type: 'audit', action: 'officer_command_refused', detail: name });
        t.say('common.notAllowed');
        return t.output();
      }
      const target = typeof cmd.target === 'string' ? { flow: state.flow ?? t.entry('main'), step: cmd.target } : cmd.target;
      t.go(target, { args: rest.join(' '), command: name });
      return t.output();
    }
  }
  if (!state.flow || !state.step) {
    t.goMain();
    return t.output();
  }
  if (!text && !input.media) {
    t.say('common.empty');
    t.reprompt();
    return t.output();
  }
  t.answer(text, form);
  return t.output();
}

/** The trigger a message starts ("cek K7QX-2M9P", or a forwarded announcement), with the text after its word. */
function matchTrigger(reg: FlowRegistry, text: string, step: Step | undefined): { flow: string; rest: string } | null {
  const m = /^(\S+)(?:\s+([\s\S]*))?$/.exec(text);
  if (!m) return null;
  const head = matchForm(m[1]);
  const rest = (m[2] ?? '').trim();
  const waitsForText = step !== undefined && 'ask' in step;
  for (const tr of reg.triggers ?? []) {
    if (!tr.words.includes(head)) continue;
    if (waitsForText ? (tr.exact?.(rest) ?? false) : (tr.accepts?.(rest) ?? true)) return { flow: tr.flow, rest };
  }
  if (waitsForText) return null;
  for (const tr of reg.triggers ?? []) {
    if (tr.whole?.(text)) return { flow: tr.flow, rest: text };
  }
  return null;
}

/**
 * Danger words in any message, at any state, start the urgent path at once: the emergency flow
 * gets the words (`trigger: 'danger'`, `text`), the place the person was at is kept, and a contact
 * with no language yet gets the language of the words. Not in the emergency flow itself (it is
 * already the urgent path), nor for officers or commands. In a group chat too, like `sos`: the
 * emergency flow decides what a group gets (`ctx.inbound.group`).
 */
function dangerous(t: Turn, text: string, form: string): boolean {
  const { reg, input, state } = t;
  if (!reg.danger || input.kind === 'tap' || input.contact.role === 'officer' || form.startsWith('/')) return false;
  if (state.flow === t.entry('emergency')) return false;
  // The emergency word itself ("darurat" is also in the danger list) enters as `trigger: 'sos'` below.
  if (globalWord(form) === 'emergency') return false;
  const here = t.step();
  if (here && 'ask' in here && here.screensDanger) return false;
  const found = reg.danger(text);
  if (!found) return false;
  if (!input.contact.lang) t.effects.push({ type: 'contact', patch: { language: found.lang } });
  t.pauseHere();
  t.go({ flow: t.entry('emergency') }, { trigger: 'danger', text });
  return true;
}

/** The language an option of the language menu sets (`set: { lang }`), if it is one. */
function langOf(option: OptionDef | undefined): Lang | null {
  const v = option?.set?.lang;
  return typeof v === 'string' && (LANGUAGES as readonly string[]).includes(v) ? (v as Lang) : null;
}

/**
 * The language menu, matched with the language flow's own options (each sets `lang`). After the
 * choice the person goes back to where they were (the question is asked again in the new
 * language), or to a story they told first, or (new contacts) to the one-time question.
 */
function chooseLanguage(t: Turn, text: string, form: string, asked: boolean): TurnOutput {
  const { state, reg, input } = t;
  const languageFlow = t.entry('language');
  const inChooser = state.flow === languageFlow && !asked;
  const menu = reg.flows[languageFlow].steps[reg.flows[languageFlow].start] as MenuStep;
  const picked = inChooser ? t.pick(t.menuChoices(menu), form) : undefined;
  const lang = langOf(picked?.option);
  if (picked && lang) {
    t.effects.push({ type: 'contact', patch: { language: lang } });
    t.say('common.languageSet');
    if (state.paused) {
      t.resumePaused();
    } else if (t.kept && reg.entries.offerStory) {
      t.go({ flow: reg.entries.offerStory }, { text: t.kept });
    } else if (!input.contact.lang && input.contact.subscribed === null && reg.entries.afterFirstLanguage) {
      t.go({ flow: reg.entries.afterFirstLanguage });
    } else {
      t.go(picked.option!.next);
    }
    return t.output();
  }
  if (inChooser && form === '0' && input.contact.lang) {
    if (state.paused) t.resumePaused();
    else t.goMain();
    return t.output();
  }
  let story = false;
  if (asked) {
    t.pauseHere();
  } else if (!input.contact.lang) {
    // Before a language is chosen, a first message that tells a story is kept for afterwards.
    story = text.split(/\s+/).filter((w) => /\p{L}/u.test(w)).length >= STORY_MIN_WORDS;
    state.kept = story ? text : t.kept;
  }
  if (story) t.say('common.storyKept');
  else if (inChooser) t.say('common.pickNumber');
  t.go({ flow: languageFlow });
  return t.output();
}

/** Continues a turn after the router ran the pending action. */
export function resume(reg: FlowRegistry, stateIn: SessionState, input: TurnInput, result: ActionResult): TurnOutput {
  const state = copyJson(stateIn);
  const t = new Turn(reg, state, input);
  state.kept = t.kept;
  const step = t.step();
  if (!step || !('call' in step)) throw new Error(`resume() without a pending call at ${state.flow}/${state.step}`);
  if (result.contact) t.effects.push({ type: 'contact', patch: result.contact });
  for (const r of result.replies ?? []) t.effects.push({ type: 'reply', reply: r });
  for (const [k, v] of Object.entries(result.set ?? {})) setPath(state.data, k, v);
  const next = (result.outcome && step.on?.[result.outcome]) || step.next;
  if (next) t.go(next);
  else t.goMain();
  return t.output();
}
