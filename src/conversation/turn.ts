/**
 * One turn of the engine in progress (see engine.ts): moving between steps, prompting, matching
 * answers, pausing and resuming a place. Pure: no I/O, time and texts come in with the input.
 */
import { FlowDefinitionError } from '../core/errors.js';
import { getPath, setPath } from './dataPath.js';
import type {
  Data,
  EntryPoint,
  FlowRegistry,
  MenuStep,
  Json,
  MsgDef,
  OptionDef,
  ContactPatch,
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
import { featureWordLookup, SKIP_WORDS } from './globalWords.js';
import { matchLabel, optionForms } from './labels.js';
import { type SessionState, freshSession } from './session.js';

/** Steps one turn may pass through before the engine declares a loop in the definition. */
export const MAX_STEPS_PER_TURN = 64;

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

export interface MenuChoice {
  key: string;
  label: Text;
  option?: OptionDef;
  value?: Json;
}

const wordLookups = new WeakMap<FlowRegistry, Map<string, string>>();

/** Feature words of a registry (form → flow), built once per registry. */
export function featureWords(reg: FlowRegistry): Map<string, string> {
  let lookup = wordLookups.get(reg);
  if (!lookup) {
    lookup = featureWordLookup(reg.words).lookup;
    wordLookups.set(reg, lookup);
  }
  return lookup;
}

/** One turn in progress: the state it changes, the effects it collects, and the steps it runs. */
export class Turn {
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

  /** "Send this to the officer handling BWI-…?" when the contact has exactly one open case, else the general offer. */
  private sendToOfficerLabel(): Text {
    const open = this.input.contact.openCases ?? [];
    return open.length === 1 ? { key: 'common.sendToCaseOfficer', vars: { ref: open[0] } } : { key: 'common.sendToOfficer' };
  }

  /** Shows the prompt of the current interactive step (with "send to an officer" when text is kept). */
  prompt(step: Step): void {
    if ('menu' in step) {
      const list = this.menuChoices(step);
      const choices: ReplyChoice[] = list.map((c) => ({ key: c.key, label: c.label }));
      if (this.state.kept !== null && this.state.flow !== this.reg.entries.language) choices.push({ key: String(list.length + 1), label: this.sendToOfficerLabel() });
      if (step.back !== false) choices.push({ key: '0', label: { key: 'common.back' } });
      this.reply(this.text(step.menu), choices);
    } else if ('ask' in step) {
      const text = this.text(step.ask);
      this.reply(text, step.optional ? [{ key: '-', label: { key: 'common.skip' } }] : undefined);
    }
  }

  menuChoices(step: MenuStep): MenuChoice[] {
    if (step.optionsFrom) {
      const source = this.reg.sources[step.optionsFrom];
      return source(this.state.data, this.input.contact).map((o, i) => ({ key: String(i + 1), label: o.label, value: o.value }));
    }
    return (step.options ?? []).map((o, i) => ({ key: String(i + 1), label: this.text(o.label), option: o }));
  }

  /** The choice a typed text names: its number, or its label, a synonym or a unique prefix. */
  pick(choices: MenuChoice[], form: string): MenuChoice | undefined {
    const byKey = choices.find((c) => c.key === form);
    if (byKey || /^\d+$/.test(form)) return byKey;
    const i = matchLabel(form, choices.map((c) => this.labelForms(c)));
    return i === -1 ? undefined : choices[i];
  }

  /** Normalized forms an option may be typed as. */
  private labelForms(c: MenuChoice): string[] {
    return optionForms(this.reg, c.label, c.value, this.input.render);
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
      // A menu without "0. back" (the main menu, "have you written them down?") has nothing
      // behind it to return to: going back there could send a confirmed report twice.
      if ('menu' in step && step.back === false) this.goMain();
      else this.back();
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
    else if (/\p{L}/u.test(form) && this.reg.entries.sendToOfficer && this.input.contact.role !== 'officer') {
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
