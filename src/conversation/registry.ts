/** Assembles features (flows, checks, sources, commands, actions) into one validated registry. */
import { FlowDefinitionError } from '../core/errors.js';
import { LANGUAGES } from '../core/types.js';
import type { Translator } from '../i18n.js';
import {
  type Check,
  type CommandDef,
  type DangerDetector,
  type EntryPoint,
  type Flow,
  type FlowRegistry,
  type MsgDef,
  type OptionSource,
  type Step,
  type Target,
  type TextTrigger,
  type WordDef,
  ENTRY_POINTS,
  REQUIRED_ENTRY_POINTS,
} from './flow.js';
import type { Action } from './actions.js';
import { featureWordLookup } from './globalWords.js';

/** The conversational part of a feature: its flows and the named code they refer to. */
export interface FlowParts {
  name: string;
  flows?: Flow[];
  checks?: Record<string, Check>;
  sources?: Record<string, OptionSource>;
  commands?: Record<string, CommandDef>;
  actions?: Record<string, Action>;
  /** Which of this feature's flows fill the engine's entry points (see ENTRY_POINTS). */
  entries?: Partial<Record<EntryPoint, string>>;
  /** Global words that open this feature's flows (e.g. "my data"). */
  words?: Record<string, WordDef>;
  /** Other ways to type menu options, by label key or option value. */
  synonyms?: Record<string, readonly string[]>;
  /** The danger-word detector the engine checks every message with (one feature gives it). */
  danger?: DangerDetector;
  /** Leading words that start one of this feature's flows from any state ("cek CODE"). */
  triggers?: TextTrigger[];
}

export interface BuiltRegistry {
  registry: FlowRegistry;
  actions: Record<string, Action>;
}

/** Merges features; a name defined twice is a definition error. */
export function buildRegistry(features: FlowParts[]): BuiltRegistry {
  const registry: FlowRegistry = { flows: {}, checks: {}, sources: {}, commands: {}, actionNames: new Set(), entries: {}, words: {}, synonyms: {}, triggers: [] };
  const actions: Record<string, Action> = {};
  const put = <T>(kind: string, into: Record<string, T>, from: Record<string, T> | undefined, owner: string) => {
    for (const [k, v] of Object.entries(from ?? {})) {
      if (k in into) throw new FlowDefinitionError(`${kind} "${k}" is defined twice (again by feature ${owner})`);
      into[k] = v;
    }
  };
  for (const f of features) {
    put('flow', registry.flows, Object.fromEntries((f.flows ?? []).map((fl) => [fl.id, fl])), f.name);
    put('check', registry.checks, f.checks, f.name);
    put('option source', registry.sources, f.sources, f.name);
    put('command', registry.commands, f.commands, f.name);
    put('action', actions, f.actions, f.name);
    put('entry point', registry.entries as Record<string, string>, f.entries as Record<string, string> | undefined, f.name);
    put('global word', registry.words, f.words, f.name);
    put('synonyms for', registry.synonyms, f.synonyms, f.name);
    if (f.danger) {
      if (registry.danger) throw new FlowDefinitionError(`the danger detector is given twice (again by feature ${f.name})`);
      registry.danger = f.danger;
    }
    registry.triggers?.push(...(f.triggers ?? []));
  }
  for (const name of Object.keys(actions)) registry.actionNames.add(name);
  return { registry, actions };
}

/** Checks that every target, check, source, action and translation key a flow names exists. */
export function validateRegistry(reg: FlowRegistry, translator: Translator): void {
  const problems: string[] = [];
  for (const required of REQUIRED_ENTRY_POINTS) {
    if (!reg.entries[required]) problems.push(`no feature registers the "${required}" entry point (the ${required} flow)`);
  }
  for (const [name, flow] of Object.entries(reg.entries)) {
    if (!(ENTRY_POINTS as readonly string[]).includes(name)) problems.push(`entry point "${name}" is not one the engine knows`);
    else if (!reg.flows[flow]) problems.push(`entry point "${name}": flow "${flow}" does not exist`);
  }
  const language = reg.entries.language && reg.flows[reg.entries.language];
  if (language) {
    // The engine matches the language answer with this menu's options: each sets `lang`.
    const first = language.steps[language.start];
    if (!first || !('menu' in first) || !first.options?.length) problems.push(`language flow ${language.id}: its start step must be a menu with options`);
    else {
      for (const o of first.options) {
        const lang = o.set?.lang;
        if (typeof lang !== 'string' || !(LANGUAGES as readonly string[]).includes(lang)) problems.push(`language flow ${language.id}: option ${JSON.stringify(o.label)} must set lang to one of ${LANGUAGES.join(', ')}`);
      }
    }
  }
  problems.push(...featureWordLookup(reg.words).problems);
  for (const [name, def] of Object.entries(reg.words)) {
    if (!reg.flows[def.flow]) problems.push(`global word ${name}: flow "${def.flow}" does not exist`);
  }
  const checkKey = (where: string, def: MsgDef) => {
    const key = typeof def === 'string' ? def : def.key;
    const vars = typeof def === 'string' ? {} : (def.vars ?? {});
    for (const k of [key, ...Object.values(vars).filter((v) => v.startsWith('@')).map((v) => v.slice(1))]) {
      for (const lang of LANGUAGES) if (!translator.has(lang, k)) problems.push(`${where}: key "${k}" missing in ${lang}`);
    }
  };
  const checkTarget = (where: string, flow: Flow, t: Target | undefined) => {
    if (t === undefined) return;
    if (typeof t === 'string') {
      if (!flow.steps[t]) problems.push(`${where}: step "${t}" does not exist in flow ${flow.id}`);
      return;
    }
    const other = reg.flows[t.flow];
    if (!other) problems.push(`${where}: flow "${t.flow}" does not exist`);
    else if (t.step && !other.steps[t.step]) problems.push(`${where}: step "${t.step}" does not exist in flow ${t.flow}`);
  };
  for (const flow of Object.values(reg.flows)) {
    if (!flow.steps[flow.start]) problems.push(`flow ${flow.id}: start step "${flow.start}" does not exist`);
    for (const [id, step] of Object.entries(flow.steps) as [string, Step][]) {
      const where = `${flow.id}/${id}`;
      if ('end' in step) {
        if (step.say) checkKey(where, step.say);
      } else if ('say' in step) {
        checkKey(where, step.say);
        checkTarget(where, flow, step.next);
      } else if ('menu' in step) {
        checkKey(where, step.menu);
        if (step.optionsFrom) {
          if (!reg.sources[step.optionsFrom]) problems.push(`${where}: option source "${step.optionsFrom}" is not registered`);
          if (!step.save || !step.next) problems.push(`${where}: a menu with optionsFrom needs save and next`);
          checkTarget(where, flow, step.next);
        } else {
          if (!step.options?.length) problems.push(`${where}: menu has no options`);
          for (const o of step.options ?? []) {
            checkKey(where, o.label);
            checkTarget(where, flow, o.next);
          }
        }
      } else if ('ask' in step) {
        checkKey(where, step.ask);
        if (!reg.checks[step.check]) problems.push(`${where}: check "${step.check}" is not registered`);
        checkTarget(where, flow, step.next);
      } else if ('call' in step) {
        if (!reg.actionNames.has(step.call)) problems.push(`${where}: action "${step.call}" is not registered`);
        if (!step.next && !step.on) problems.push(`${where}: call step needs next or on`);
        checkTarget(where, flow, step.next);
        for (const t of Object.values(step.on ?? {})) checkTarget(where, flow, t);
      } else if ('branch' in step) {
        for (const t of Object.values(step.cases)) checkTarget(where, flow, t);
        checkTarget(where, flow, step.default);
      }
    }
  }
  for (const tr of reg.triggers ?? []) {
    if (!reg.flows[tr.flow]) problems.push(`trigger "${tr.words[0]}": flow "${tr.flow}" does not exist`);
  }
  for (const [name, cmd] of Object.entries(reg.commands)) {
    const t = cmd.target;
    if (typeof t === 'string') problems.push(`command /${name}: target must name a flow`);
    else if (!reg.flows[t.flow]) problems.push(`command /${name}: flow "${t.flow}" does not exist`);
  }
  if (problems.length) throw new FlowDefinitionError(`flow definitions are invalid:\n- ${problems.join('\n- ')}`);
}
