/**
 * The pure conversation engine: (registry, state, input) -> (state, effects, maybe a call).
 * It does no I/O. When a step calls an action, the engine stops and returns the call; the router
 * runs the action inside the turn's transaction and hands the result back with `resume`.
 */
import type {
  ActionResult,
  ContactPatch,
  Data,
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
import { globalWord, SKIP_WORDS } from './globalWords.js';
import { type SessionState, freshSession } from './session.js';
import { MAX_INPUT_CHARS, cleanText, matchForm } from './text.js';

/** Steps one turn may pass through before the engine declares a loop in the definition. */
export const MAX_STEPS_PER_TURN = 64;

export const MAIN_FLOW = 'main';
export const LANGUAGE_FLOW = 'language';
export const EMERGENCY_FLOW = 'emergency';
/** Asked once, right after a new contact's first language choice, when it is registered. */
export const ASK_SUBSCRIBE_FLOW = 'askSubscribe';

export type Effect =
  | { type: 'reply'; reply: Reply }
  | { type: 'contact'; patch: ContactPatch }
  | { type: 'audit'; action: string; detail?: string };

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

class Turn {
  readonly effects: Effect[] = [];
  call?: PendingCall;
  private steps = 0;

  constructor(
    readonly reg: FlowRegistry,
    readonly state: SessionState,
    readonly input: TurnInput,
  ) {}

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

  private run(): void {
    for (;;) {
      if (++this.steps > MAX_STEPS_PER_TURN) throw new FlowLoopError(this.state.flow, this.state.step);
      const step = this.step();
      if (!step) {
        // A stored state that points at a step that no longer exists: start from the main menu.
        this.state.flow = MAIN_FLOW;
        this.state.step = this.reg.flows[MAIN_FLOW].start;
        this.state.data = {};
        this.state.trail = [];
        continue;
      }
      if ('end' in step) {
        if (step.say) this.reply(this.text(step.say));
        this.goInline({ flow: MAIN_FLOW });
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
  private goInline(target: Target, extra?: Data): void {
    if (typeof target === 'string') {
      this.state.step = target;
      return;
    }
    const flow = this.reg.flows[target.flow];
    const data: Data = { ...extra };
    for (const [k, spec] of Object.entries(target.with ?? {})) data[k] = this.resolveJson(spec);
    this.state.flow = target.flow;
    this.state.step = target.step ?? flow.start;
    this.state.data = data;
    this.state.trail = [];
  }

  /** Shows the prompt of the current interactive step. */
  prompt(step: Step): void {
    if ('menu' in step) {
      const choices = this.menuChoices(step).map((c) => ({ key: c.key, label: c.label }));
      if (step.back !== false) choices.push({ key: '0', label: { key: 'common.back' } });
      this.reply(this.text(step.menu), choices);
    } else if ('ask' in step) {
      const text = this.text(step.ask);
      this.reply(text, step.optional ? [{ key: '-', label: { key: 'common.skip' } }] : undefined);
    }
  }

  menuChoices(step: MenuStep): { key: string; label: Text; option?: OptionDef; value?: Json }[] {
    if (step.optionsFrom) {
      const source = this.reg.sources[step.optionsFrom];
      return source(this.state.data, this.input.contact).map((o, i) => ({ key: String(i + 1), label: o.label, value: o.value }));
    }
    return (step.options ?? []).map((o, i) => ({ key: String(i + 1), label: this.text(o.label), option: o }));
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
      this.go({ flow: MAIN_FLOW });
      return;
    }
    const here = this.state.step as string;
    if (form === '0') {
      this.back();
      return;
    }
    if ('menu' in step) {
      const picked = this.menuChoices(step).find((c) => c.key === form);
      if (!picked) {
        if (this.input.media) this.say('common.mediaNotHere');
        else this.say(this.state.flow === MAIN_FLOW ? 'common.hintMain' : 'common.pickNumber');
        this.prompt(step);
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

  back(): void {
    const prev = this.state.trail.pop();
    if (prev === undefined) {
      this.go({ flow: MAIN_FLOW });
      return;
    }
    this.state.step = prev;
    this.run();
  }

  /** Re-shows the current prompt after a notice, so the user knows where they are. */
  reprompt(): void {
    const step = this.step();
    if (step && ('menu' in step || 'ask' in step)) this.prompt(step);
    else this.go({ flow: MAIN_FLOW });
  }
}

/** Handles one inbound message. */
export function turn(reg: FlowRegistry, stateIn: SessionState, input: TurnInput): TurnOutput {
  const state = structuredClone(stateIn);
  const t = new Turn(reg, state, input);
  const text = cleanText(input.text);
  const form = matchForm(text);
  const contact = input.contact;

  if (text.length > MAX_INPUT_CHARS) {
    t.say('common.tooLong', { max: MAX_INPUT_CHARS });
    return t.output();
  }
  if (input.kind === 'edit') {
    t.say('common.editIgnored');
    return t.output();
  }

  const word = globalWord(form);
  if (word === 'emergency') {
    t.go({ flow: EMERGENCY_FLOW });
    return t.output();
  }
  const leavesLanguage = word === 'menu' || word === 'cancel';
  if (!contact.lang || (state.flow === LANGUAGE_FLOW && !leavesLanguage) || word === 'language') {
    return chooseLanguage(t, form, word === 'language');
  }
  if (input.group && !form.startsWith('/')) {
    // Reports are never collected in a group: answer with a pointer to a private chat.
    t.say('common.groupNotice');
    return t.output();
  }
  switch (word) {
    case 'menu':
      t.go({ flow: MAIN_FLOW });
      return t.output();
    case 'cancel':
      if (state.flow && state.flow !== MAIN_FLOW) t.say('common.cancelled');
      t.go({ flow: MAIN_FLOW });
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
    case 'myData':
    case 'deleteData':
      if (reg.flows[word === 'myData' ? 'mydata' : 'deletedata']) {
        t.go({ flow: word === 'myData' ? 'mydata' : 'deletedata' });
        return t.output();
      }
      break;
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
      const target = typeof cmd.target === 'string' ? { flow: state.flow ?? MAIN_FLOW, step: cmd.target } : cmd.target;
      t.go(target, { args: rest.join(' '), command: name });
      return t.output();
    }
  }
  if (!state.flow || !state.step) {
    t.go({ flow: MAIN_FLOW });
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

function chooseLanguage(t: Turn, form: string, asked: boolean): TurnOutput {
  const state = t.state;
  const LANGS = { '1': 'id', '2': 'en', '3': 'jv', indonesia: 'id', english: 'en', inggris: 'en', jawa: 'jv', javanese: 'jv' } as const;
  const picked = state.flow === LANGUAGE_FLOW && !asked ? LANGS[form as keyof typeof LANGS] : undefined;
  if (picked) {
    t.effects.push({ type: 'contact', patch: { language: picked } });
    t.say('common.languageSet');
    // A new contact (no language yet) that was never asked about announcements is asked now, once.
    const askSubscribe = !t.input.contact.lang && t.input.contact.subscribed === null && t.reg.flows[ASK_SUBSCRIBE_FLOW];
    t.go({ flow: askSubscribe ? ASK_SUBSCRIBE_FLOW : MAIN_FLOW });
    return t.output();
  }
  if (state.flow === LANGUAGE_FLOW && !asked && form === '0' && t.input.contact.lang) {
    t.go({ flow: MAIN_FLOW });
    return t.output();
  }
  if (state.flow === LANGUAGE_FLOW && !asked) t.say('common.pickNumber');
  t.go({ flow: LANGUAGE_FLOW });
  return t.output();
}

/** Continues a turn after the router ran the pending action. */
export function resume(reg: FlowRegistry, stateIn: SessionState, input: TurnInput, result: ActionResult): TurnOutput {
  const state = structuredClone(stateIn);
  const t = new Turn(reg, state, input);
  const step = t.step();
  if (!step || !('call' in step)) throw new Error(`resume() without a pending call at ${state.flow}/${state.step}`);
  if (result.contact) t.effects.push({ type: 'contact', patch: result.contact });
  for (const r of result.replies ?? []) t.effects.push({ type: 'reply', reply: r });
  for (const [k, v] of Object.entries(result.set ?? {})) setPath(state.data, k, v);
  const next = (result.outcome && step.on?.[result.outcome]) || step.next;
  t.go(next ?? { flow: MAIN_FLOW });
  return t.output();
}

/** A session for a contact that has never written. */
export function initialSession(): SessionState {
  return freshSession();
}

export function getPath(data: Data, path: string): Json | undefined {
  let cur: Json | undefined = data;
  for (const part of path.split('.')) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, Json>)[part];
  }
  return cur;
}

function setPath(data: Data, path: string, value: Json): void {
  const parts = path.split('.');
  let cur: Record<string, Json> = data;
  for (const part of parts.slice(0, -1)) {
    const next = cur[part];
    if (next === null || typeof next !== 'object' || Array.isArray(next)) cur[part] = {};
    cur = cur[part] as Record<string, Json>;
  }
  cur[parts[parts.length - 1]] = value;
}
