/**
 * Flow definitions are plain data: steps refer to checks, actions and option sources by name,
 * so a session is plain JSON and a definition can be validated before the bot starts.
 */
import type { Reply, Text } from '../core/text.js';
import type { Lang, MediaDescriptor } from '../core/types.js';
import type { ContactPatch } from '../store/contacts.js';

// Text and replies are core types (the outbox renders them too); the contact patch is the store's.
export type { Reply, ReplyChoice, Text, VarValue, Vars } from '../core/text.js';
export type { ContactPatch } from '../store/contacts.js';

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
export type Data = Record<string, Json>;

/** A var in a definition: `$path.in.data`, `@translation.key`, or a literal string. */
export type VarSpec = string;
/** A message in a definition: a translation key, or a key with vars. */
export type MsgDef = string | { key: string; vars?: Record<string, VarSpec> };

/** Where to go next: a step in the same flow, or another flow (optionally at a step, with data). */
export type Target = string | { flow: string; step?: string; with?: Record<string, VarSpec> };

export interface OptionDef {
  label: MsgDef;
  next: Target;
  /** Values stored in the flow's data when this option is chosen. */
  set?: Data;
}

export interface SayStep {
  say: MsgDef;
  next: Target;
}
export interface MenuStep {
  menu: MsgDef;
  /** Fixed options, numbered from 1. */
  options?: OptionDef[];
  /** Or options produced by a named source; the chosen option's value is saved to `save`. */
  optionsFrom?: string;
  save?: string;
  next?: Target;
  /** When false the menu offers no "0. back" line (the main menu). */
  back?: boolean;
  /**
   * A question that must not block: an answer that is none of the options ends the flow and is
   * answered by the main menu instead (e.g. "Have you written them down?").
   */
  passOn?: boolean;
}
export interface AskStep {
  ask: MsgDef;
  check: string;
  save: string;
  next: Target;
  /** Skip words ("-", "lewati", "skip") store null instead of running the check. */
  optional?: boolean;
  /**
   * The flow checks this answer for danger words itself (e.g. a report's story, which makes the
   * report urgent), so the engine does not interrupt it with the emergency flow.
   */
  screensDanger?: boolean;
}
export interface CallStep {
  call: string;
  args?: Record<string, VarSpec>;
  next?: Target;
  /** Next step by the action's outcome; falls back to `next`. */
  on?: Record<string, Target>;
}
export interface BranchStep {
  /** Data path whose value picks the case. */
  branch: string;
  cases: Record<string, Target>;
  default: Target;
}
export interface EndStep {
  end: true;
  say?: MsgDef;
}

export type Step = SayStep | MenuStep | AskStep | CallStep | BranchStep | EndStep;

export interface Flow {
  id: string;
  start: string;
  steps: Record<string, Step>;
}

/** A slash command: where it leads and who may use it. */
export interface CommandDef {
  target: Target;
  officerOnly: boolean;
}

/** What the engine knows about the contact when a turn starts. */
export interface ContactView {
  lang: Lang | null;
  role: 'user' | 'officer';
  subscribed: boolean | null;
  country: string | null;
  audience: string | null;
  /** References of the contact's open cases, newest first (so kept text can name the case it would go to). */
  openCases?: string[];
}

export interface TurnInput {
  text: string;
  media?: MediaDescriptor;
  kind: 'message' | 'edit' | 'tap';
  contact: ContactView;
  now: number;
  /** True when the message came from a group chat (no reports are collected there). */
  group?: boolean;
  /**
   * Renders a text as the contact sees it (their language, or the default before they chose one),
   * so a typed option label can be matched. The router builds it from the translator; without it
   * only raw labels and synonyms match.
   */
  render?: (text: Text) => string;
}

export type CheckResult = { ok: true; value: Json } | { ok: false; error: MsgDef };
/** A pure validator for an ask step. */
export type Check = (input: { text: string; media?: MediaDescriptor; data: Data; now: number }) => CheckResult;

export interface SourceOption {
  label: Text;
  value: Json;
}
/** A pure producer of menu options from the flow's data and the contact. */
export type OptionSource = (data: Data, contact: ContactView) => SourceOption[];

/** What an action returns to the engine. */
export interface ActionResult {
  outcome?: string;
  set?: Data;
  replies?: Reply[];
  contact?: ContactPatch;
}

/**
 * Places the engine leads to by itself. Features register which flow fills each; `main`,
 * `language` and `emergency` are required. `afterFirstLanguage`: asked once after a new contact's
 * first language choice. `sendToOfficer`: receives `data.text` the person chose to send to an
 * officer. `offerStory`: receives `data.text`, a first message that told a story. The emergency
 * flow receives `data.trigger` ('sos' | 'danger') and, for danger words, `data.text`.
 */
export const ENTRY_POINTS = ['main', 'language', 'emergency', 'afterFirstLanguage', 'sendToOfficer', 'offerStory'] as const;
export type EntryPoint = (typeof ENTRY_POINTS)[number];
export const REQUIRED_ENTRY_POINTS: readonly EntryPoint[] = ['main', 'language', 'emergency'];

/** A global word a feature adds: typed alone, in any state, it opens `flow`. */
export interface WordDef {
  /** Forms as matchForm gives them (lower case, single spaces). */
  forms: string[];
  flow: string;
}

/** What a danger detector found in a message: the words' language, and the phrase (for tests and audit). */
export interface DangerMatch {
  lang: Lang;
  phrase: string;
}
/** A pure check of a message for danger words (see data/danger-words.json). */
export type DangerDetector = (text: string) => DangerMatch | null;

/**
 * A leading word that works from any state and before a language is chosen, like a global word,
 * but carries text after it ("cek K7QX-2M9P", "ikuti AB3D-7KQP"). The flow starts with the rest
 * in `data.args`.
 */
export interface TextTrigger {
  /** Leading words, lower case, compared with the first word of the message. */
  words: readonly string[];
  flow: string;
  /** Whether the text after the word is meant for this flow (default: always). */
  accepts?: (rest: string) => boolean;
  /**
   * Whether the text after the word is unmistakable (a code), so the word applies even while a
   * question waits for free text ("Cek jadwal ..." typed as an announcement stays an answer).
   */
  exact?: (rest: string) => boolean;
  /** Whether a whole message without the word is meant for it (a forwarded announcement); not while a question waits for an answer. */
  whole?: (text: string) => boolean;
}

/** The registry the engine runs against; built once and validated at start-up. */
export interface FlowRegistry {
  /** Leading words that start a flow from anywhere (checked in order). */
  triggers?: TextTrigger[];
  flows: Record<string, Flow>;
  checks: Record<string, Check>;
  sources: Record<string, OptionSource>;
  commands: Record<string, CommandDef>;
  /** Names of actions the router can run (the engine only needs the names). */
  actionNames: Set<string>;
  /** Flow ids of the engine's entry points. */
  entries: Partial<Record<EntryPoint, string>>;
  /** Global words added by features, by name. */
  words: Record<string, WordDef>;
  /**
   * Other ways to type an option, by the option's label key or value (e.g. "HK": ["hk",
   * "hongkong"]); compared after normalizeLabel.
   */
  synonyms: Record<string, readonly string[]>;
  /** Danger words in any message start the emergency flow; absent, nothing is detected. */
  danger?: DangerDetector;
}
