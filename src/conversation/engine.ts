/**
 * The pure conversation engine: (registry, state, input) -> (state, effects, maybe a call).
 * It does no I/O. When a step calls an action, the engine stops and returns the call; the router
 * runs the action inside the turn's transaction and hands the result back with `resume`.
 *
 * The engine knows no feature's flow names: it leads to the entry points features registered
 * (`FlowRegistry.entries`) and opens the flows of features' global words (`FlowRegistry.words`).
 */
import { FlowDefinitionError } from '../core/errors.js';
import { type Lang, LANGUAGES } from '../core/types.js';
import { getPath, setPath } from './dataPath.js';
import type {
  ActionResult,
  ContactPatch,
  Data,
  EntryPoint,
  FlowRegistry,
  MenuStep,
  Json,
  MsgDef,
  OptionDef,
  Reply,
  ReplyChoice,
  Step,
  Target,
  Text,
  TurnInput,
  VarSpec,
  VarValue,
  Vars,
} from './flow.js';
import { featureWordLookup, globalWord, SKIP_WORDS } from './globalWords.js';
import { matchLabel, normalizeLabel } from './labels.js';
import { type SessionState, freshSession } from './session.js';
import { MAX_INPUT_CHARS, cleanText, matchForm } from './text.js';

export { getPath } from './dataPath.js';

/** Steps one turn may pass through before the engine declares a loop in the definition. */
export const MAX_STEPS_PER_TURN = 64;
/** A first message (before a language is chosen) with at least this many words tells a story: it is kept. */
export const STORY_MIN_WORDS = 5;

export type Effect =
  | { type: 'reply'; reply: Reply }
  | { type: 'contact'; patch: ContactPatch }
  /** An audit row with the contact as actor; `warn` also goes to the log as a warning. */
  | { type: 'audit'; action: string; detail?: string; warn?: string };

export interface PendingCall {
  action: string;
  args: Record<string, Json>;
}

export interface TurnOutput {
  state: SessionState;
  effects: Effect[];
  /** When set, the router must run this action and call `resume` with its result. */
  call?: PendingCall;
}

export class FlowLoopError extends Error {
  constructor(flow: string | null, step: string | null) {
    super(`more than ${MAX_STEPS_PER_TURN} steps in one turn at ${flow}/${step}: the flow definition loops`);
    this.name = 'FlowLoopError';
  }
}

interface Choice {
  key: string;
  label: Text;
  option?: OptionDef;
  value?: Json;
}

const wordLookups = new WeakMap<FlowRegistry, Map<string, string>>();
const synonymLookups = new WeakMap<FlowRegistry, Map<string, string[]>>();
/** Normalized rendered labels by renderer (one per language) and key: labels never change after start-up. */
const renderedForms = new WeakMap<(text: Text) => string, Map<string, string>>();
/** Normalized raw labels (country names, references); bounded, since references are many. */
const rawForms = new Map<string, string>();
/** Raw labels kept normalized at most; the cache starts again when full. */
const MAX_CACHED_RAW_LABELS = 5_000;

function cachedNormal(cache: Map<string, string>, id: string, text: () => string): string {
  let form = cache.get(id);
  if (form === undefined) {
    if (cache === rawForms && rawForms.size >= MAX_CACHED_RAW_LABELS) rawForms.clear();
    cache.set(id, (form = normalizeLabel(text())));
  }
  return form;
}

/** A registry's synonyms, normalized once. */
function normalizedSynonyms(reg: FlowRegistry): Map<string, string[]> {
  let lookup = synonymLookups.get(reg);
  if (!lookup) {
    lookup = new Map(Object.entries(reg.synonyms).map(([k, list]) => [k, list.map(normalizeLabel).filter(Boolean)]));
    synonymLookups.set(reg, lookup);
  }
  return lookup;
}

/** Feature words of a registry (form → flow), built once per registry. */
function featureWords(reg: FlowRegistry): Map<string, string> {
  let lookup = wordLookups.get(reg);
  if (!lookup) {
    lookup = featureWordLookup(reg.words).lookup;
    wordLookups.set(reg, lookup);
  }
  return lookup;
}

class Turn {
  readonly effects: Effect[] = [];
  call?: PendingCall;
  /** Text kept from the previous turn (the state's copy is cleared unless kept again). */
  readonly kept: string | null;
  private steps = 0;

  constructor(
    readonly reg: FlowRegistry,
    readonly state: SessionState,
    readonly input: TurnInput,
  ) {
    this.kept = state.kept;
    state.kept = null;
  }

  entry(name: EntryPoint): string {
    const flow = this.reg.entries[name];
    if (!flow) throw new FlowDefinitionError(`no feature registered the "${name}" entry point`);
    return flow;
  }

  reply(text: Text, choices?: ReplyChoice[]): void {
    this.effects.push({ type: 'reply', reply: choices?.length ? { text, choices } : { text } });
  }

  say(key: string, vars?: Vars): void {
    this.reply(vars ? { key, vars } : { key });
  }

  output(): TurnOutput {
    return { state: this.state, effects: this.effects, call: this.call };
  }

  step(): Step | undefined {
    const { flow, step } = this.state;
    if (!flow || !step) return undefined;
    return this.reg.flows[flow]?.steps[step];
  }

  /** Moves to a target and runs non-interactive steps until one waits for input or calls an action. */
  go(target: Target, extra?: Data): void {
    this.goInline(target, extra);
    this.run();
  }

  /** Goes to the main menu, forgetting any paused place. */
  goMain(): void {
    this.state.paused = null;
    this.go({ flow: this.entry('main') });
  }

  private run(): void {
    for (;;) {
      if (++this.steps > MAX_STEPS_PER_TURN) throw new FlowLoopError(this.state.flow, this.state.step);
      const step = this.step();
      // Targets are validated at start-up and stored steps on read, so this is a definition bug.
      if (!step) throw new FlowDefinitionError(`step ${this.state.flow}/${this.state.step} does not exist`);
      if ('end' in step) {
        if (step.say) this.reply(this.text(step.say));
        if (this.state.paused) {
          // The flow that interrupted (emergency help) is done: back to where the person was.
          this.say('common.resumed');
          this.restorePaused();
        } else this.goInline({ flow: this.entry('main') });
      } else if ('say' in step) {
        this.reply(this.text(step.say));
        this.goInline(step.next);
      } else if ('menu' in step || 'ask' in step) {
        this.prompt(step);
        return;
      } else if ('call' in step) {
        const args: Record<string, Json> = {};
        for (const [k, spec] of Object.entries(step.args ?? {})) args[k] = this.resolveJson(spec);
        this.call = { action: step.call, args };
        return;
      } else if ('branch' in step) {
        const v = getPath(this.state.data, step.branch);
        const key = v === null || v === undefined ? '' : String(v);
        this.goInline(step.cases[key] ?? step.default);
      }
    }
  }

  /** Sets the position (a new flow starts with fresh data) without running steps. */
  goInline(target: Target, extra?: Data): void {
    if (typeof target === 'string') {
      this.state.step = target;
      return;
    }
    const flow = this.reg.flows[target.flow];
    const data: Data = { ...extra };
    for (const [k, spec] of Object.entries(target.with ?? {})) data[k] = this.resolveJson(spec);
    // Starting the paused flow afresh replaces the paused copy.
    if (this.state.paused?.flow === target.flow) this.state.paused = null;
    this.state.flow = target.flow;
    this.state.step = target.step ?? flow.start;
    this.state.data = data;
    this.state.trail = [];
  }

  /** Keeps the current place when it is inside a flow worth coming back to. */
  pauseHere(): void {
    const { flow, step } = this.state;
    if (!flow || !step || flow === this.entry('main') || flow === this.entry('language') || flow === this.entry('emergency')) return;
    const s = this.step();
    if (!s || !('menu' in s || 'ask' in s)) return;
    this.state.paused = { flow, step, data: this.state.data, trail: this.state.trail };
  }

  /** Returns to the paused place (its step is interactive and prompts again). */
  private restorePaused(): void {
    const p = this.state.paused as NonNullable<SessionState['paused']>;
    this.state.paused = null;
    this.state.flow = p.flow;
    this.state.step = p.step;
    this.state.data = p.data;
    this.state.trail = p.trail;
  }

  /** Restores the paused place now and asks its question again. */
  resumePaused(): void {
    this.restorePaused();
    this.run();
  }

  /** Shows the prompt of the current interactive step (with "send to an officer" when text is kept). */
  prompt(step: Step): void {
    if ('menu' in step) {
      const list = this.menuChoices(step);
      const choices: ReplyChoice[] = list.map((c) => ({ key: c.key, label: c.label }));
      if (this.state.kept !== null && this.state.flow !== this.reg.entries.language) choices.push({ key: String(list.length + 1), label: { key: 'common.sendToOfficer' } });
      if (step.back !== false) choices.push({ key: '0', label: { key: 'common.back' } });
      this.reply(this.text(step.menu), choices);
    } else if ('ask' in step) {
      const text = this.text(step.ask);
      this.reply(text, step.optional ? [{ key: '-', label: { key: 'common.skip' } }] : undefined);
    }
  }

  menuChoices(step: MenuStep): Choice[] {
    if (step.optionsFrom) {
      const source = this.reg.sources[step.optionsFrom];
      return source(this.state.data, this.input.contact).map((o, i) => ({ key: String(i + 1), label: o.label, value: o.value }));
    }
    return (step.options ?? []).map((o, i) => ({ key: String(i + 1), label: this.text(o.label), option: o }));
  }

  /** The choice a typed text names: its number, or its label, a synonym or a unique prefix. */
  pick(choices: Choice[], form: string): Choice | undefined {
    const byKey = choices.find((c) => c.key === form);
    if (byKey || /^\d+$/.test(form)) return byKey;
    const i = matchLabel(form, choices.map((c) => this.labelForms(c)));
    return i === -1 ? undefined : choices[i];
  }

  /** Normalized forms an option may be typed as. */
  private labelForms(c: Choice): string[] {
    const forms: string[] = [];
    const label = c.label;
    if ('raw' in label) forms.push(cachedNormal(rawForms, label.raw, () => label.raw));
    else if ('key' in label && this.input.render) {
      const render = this.input.render;
      let byKey = renderedForms.get(render);
      if (!byKey) renderedForms.set(render, (byKey = new Map()));
      // Labels with vars change with the data: rendered each time.
      forms.push(label.vars ? normalizeLabel(render(label)) : cachedNormal(byKey, label.key, () => render(label)));
    }
    const synonyms = normalizedSynonyms(this.reg);
    if ('key' in label) forms.push(...(synonyms.get(label.key) ?? []));
    if (typeof c.value === 'string') forms.push(...(synonyms.get(c.value) ?? []));
    return forms;
  }

  text(def: MsgDef): Text {
    if (typeof def === 'string') return { key: def };
    if (!def.vars) return { key: def.key };
    const vars: Vars = {};
    for (const [k, spec] of Object.entries(def.vars)) vars[k] = this.resolveVar(spec);
    return { key: def.key, vars };
  }

  private resolveVar(spec: VarSpec): VarValue {
    if (spec.startsWith('@')) return { t: spec.slice(1) };
    if (spec.startsWith('$')) {
      const v = getPath(this.state.data, spec.slice(1));
      if (v === null || v === undefined) return '';
      if (typeof v === 'object' && !Array.isArray(v) && typeof (v as { t?: unknown }).t === 'string') return v as VarValue;
      return typeof v === 'number' ? v : String(v);
    }
    return spec;
  }

  resolveJson(spec: VarSpec): Json {
    if (spec.startsWith('@')) return { t: spec.slice(1) };
    if (spec.startsWith('$')) return getPath(this.state.data, spec.slice(1)) ?? null;
    return spec;
  }

  /** Handles the answer to the current interactive step. */
  answer(text: string, form: string): void {
    const step = this.step();
    if (!step || !('menu' in step || 'ask' in step)) {
      this.goMain();
      return;
    }
    const here = this.state.step as string;
    if (form === '0') {
      this.back();
      return;
    }
    if ('menu' in step) {
      const choices = this.menuChoices(step);
      if (this.kept !== null && form === String(choices.length + 1) && this.reg.entries.sendToOfficer) {
        // The person chose to send the text they typed before to an officer; a flow they were in
        // (a report half written) continues afterwards.
        this.pauseHere();
        this.go({ flow: this.reg.entries.sendToOfficer }, { text: this.kept });
        return;
      }
      const picked = this.pick(choices, form);
      if (!picked && step.passOn && this.state.flow !== this.entry('main')) {
        this.goInline({ flow: this.entry('main') });
        this.answer(text, form);
        return;
      }
      if (!picked) {
        this.notUnderstood(text, form, step);
        return;
      }
      this.state.trail.push(here);
      if (picked.option) {
        Object.assign(this.state.data, picked.option.set ?? {});
        this.go(picked.option.next);
      } else {
        if (step.save) setPath(this.state.data, step.save, picked.value ?? null);
        this.go(step.next as Target);
      }
      return;
    }
    if (step.optional && SKIP_WORDS.includes(form)) {
      this.state.trail.push(here);
      setPath(this.state.data, step.save, null);
      this.go(step.next);
      return;
    }
    const result = this.reg.checks[step.check]({ text, media: this.input.media, data: this.state.data, now: this.input.now });
    if (!result.ok) {
      this.reply(this.text(result.error));
      this.prompt(step);
      return;
    }
    this.state.trail.push(here);
    setPath(this.state.data, step.save, result.value);
    this.go(step.next);
  }

  /**
   * Nothing typed is lost: free text that names no option is kept and the menu comes again with
   * "send this message to an officer". A wrong number or a file gets a short hint and the menu.
   */
  private notUnderstood(text: string, form: string, step: MenuStep): void {
    if (this.input.media) this.say('common.mediaNotHere');
    else if (/\p{L}/u.test(form) && this.reg.entries.sendToOfficer) {
      this.state.kept = text;
      this.say('common.notUnderstood');
    } else this.say(this.state.flow === this.entry('main') ? 'common.hintMain' : 'common.pickNumber');
    this.prompt(step);
  }

  back(): void {
    const prev = this.state.trail.pop();
    if (prev === undefined) {
      this.goMain();
      return;
    }
    this.state.step = prev;
    this.run();
  }

  /** Re-shows the current prompt after a notice, so the user knows where they are. */
  reprompt(): void {
    const step = this.step();
    if (step && ('menu' in step || 'ask' in step)) this.prompt(step);
    else this.goMain();
  }

  /** Tells the person their conversation started again (audited and logged), then starts afresh. */
  restart(why: string): void {
    this.effects.push({ type: 'audit', action: 'session_restarted', detail: why, warn: 'stored conversation state could not be continued; the contact was told it restarted' });
    this.say('common.restarted');
    Object.assign(this.state, freshSession());
  }
}

/** Handles one inbound message. */
export function turn(reg: FlowRegistry, stateIn: SessionState, input: TurnInput): TurnOutput {
  const state = structuredClone(stateIn);
  const text = cleanText(input.text);
  const form = matchForm(text);
  const contact = input.contact;

  if (text.length > MAX_INPUT_CHARS) {
    const t = new Turn(reg, state, input);
    state.kept = t.kept;
    t.say('common.tooLong', { max: MAX_INPUT_CHARS });
    return t.output();
  }
  const lost = state.lost ?? (state.flow && state.step && !reg.flows[state.flow]?.steps[state.step] ? `unknown step ${state.flow}/${state.step}` : null);
  delete state.lost;
  if (state.paused && !reg.flows[state.paused.flow]?.steps[state.paused.step]) state.paused = null;
  const t = new Turn(reg, state, input);
  if (lost) t.restart(lost);

  if (dangerous(t, text, form)) return t.output();
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

/**
 * Danger words in any message, at any state, start the urgent path at once: the emergency flow
 * gets the words (`trigger: 'danger'`, `text`), the place the person was at is kept, and a contact
 * with no language yet gets the language of the words. Not in the emergency flow itself (it is
 * already the urgent path), not for officers or commands, not in groups.
 */
function dangerous(t: Turn, text: string, form: string): boolean {
  const { reg, input, state } = t;
  if (!reg.danger || input.kind === 'tap' || input.group || input.contact.role === 'officer' || form.startsWith('/')) return false;
  if (state.flow === t.entry('emergency')) return false;
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
  const state = structuredClone(stateIn);
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
