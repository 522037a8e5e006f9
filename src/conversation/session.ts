/**
 * Per-contact conversation state: versioned JSON that migrates on read (as grammY's
 * `enhanceStorage` does). A stored state of an older version goes through every migration from
 * its version up to SESSION_VERSION; one that cannot be read is replaced by a fresh session that
 * says why (`lost`), so the engine can tell the person and audit it instead of resetting silently.
 */
import type { Data } from './flow.js';

export const SESSION_VERSION = 2;

/** A place in a flow, kept while another flow (language choice, emergency) runs in between. */
export interface Position {
  flow: string;
  step: string;
  data: Data;
  trail: string[];
}

export interface SessionState {
  v: typeof SESSION_VERSION;
  /** Current flow and step; null before the first turn. */
  flow: string | null;
  step: string | null;
  /** Answers collected in the current flow. */
  data: Data;
  /** Interactive steps answered in this flow, for "0 = back". */
  trail: string[];
  /** Where the person was before `bahasa` or danger words interrupted; restored afterwards. */
  paused: Position | null;
  /**
   * Text the person typed that no step took: a first message that tells a story (offered as a
   * report after the language choice) or free text at a menu (offered to send to an officer).
   */
  kept: string | null;
  /** Set only on read: why the stored state could not be used (the engine tells the person once). */
  lost?: string;
}

/** A stored state of one version, as parsed JSON. */
type Stored = Record<string, unknown>;

/**
 * Migrations by the version they upgrade FROM: `SESSION_MIGRATIONS[n]` turns a version-n state
 * into a version-(n+1) state. Add one whenever SESSION_VERSION goes up; never edit an old one.
 */
export const SESSION_MIGRATIONS: Record<number, (s: Stored) => Stored> = {
  // v2 added `paused` (language change keeps your place) and `kept` (nothing typed is lost).
  1: (s) => ({ ...s, v: 2, paused: null, kept: null }),
};

export function freshSession(): SessionState {
  return { v: SESSION_VERSION, flow: null, step: null, data: {}, trail: [], paused: null, kept: null };
}

function lostSession(why: string): SessionState {
  return { ...freshSession(), lost: why };
}

const isData = (x: unknown): x is Data => !!x && typeof x === 'object' && !Array.isArray(x);
const strings = (x: unknown): string[] => (Array.isArray(x) ? x.filter((y): y is string => typeof y === 'string') : []);

function readPosition(x: unknown): Position | null {
  if (!isData(x) || typeof x.flow !== 'string' || typeof x.step !== 'string') return null;
  return { flow: x.flow, step: x.step, data: isData(x.data) ? x.data : {}, trail: strings(x.trail) };
}

/**
 * Reads a stored state of any known version, migrating it to the current one. No row is a new
 * contact (fresh, nothing lost); broken JSON or a version with no migration path is a fresh
 * session marked `lost`.
 */
export function readSession(raw: string | null | undefined): SessionState {
  if (!raw) return freshSession();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return lostSession('unreadable');
  }
  if (!isData(parsed)) return lostSession('unreadable');
  let s: Stored = parsed;
  const from = s.v;
  if (typeof from !== 'number' || !Number.isInteger(from) || from > SESSION_VERSION) return lostSession(`unknown version ${String(from)}`);
  for (let v = from; v < SESSION_VERSION; v++) {
    const migrate = SESSION_MIGRATIONS[v];
    if (!migrate) return lostSession(`no migration from version ${v}`);
    s = migrate(s);
  }
  return {
    v: SESSION_VERSION,
    flow: typeof s.flow === 'string' ? s.flow : null,
    step: typeof s.step === 'string' ? s.step : null,
    data: isData(s.data) ? s.data : {},
    trail: strings(s.trail),
    paused: readPosition(s.paused),
    kept: typeof s.kept === 'string' ? s.kept : null,
  };
}

/** A deep copy of JSON data (what a session holds); several times cheaper than structuredClone for a session. */
export function copyJson<T>(v: T): T {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(copyJson) as T;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) out[k] = copyJson((v as Record<string, unknown>)[k]);
  return out as T;
}

/** What the session store needs to read and write this state without knowing its shape. */
export const sessionCodec = {
  version: SESSION_VERSION,
  read: readSession,
  write: (s: SessionState): string => {
    const { lost: _lost, ...stored } = s;
    return JSON.stringify(stored);
  },
};
