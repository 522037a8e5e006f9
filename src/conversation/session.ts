/** Per-contact conversation state: versioned JSON that migrates on read. */
import type { Data } from './flow.js';

export const SESSION_VERSION = 1;

export interface SessionState {
  v: typeof SESSION_VERSION;
  /** Current flow and step; null before the first turn. */
  flow: string | null;
  step: string | null;
  /** Answers collected in the current flow. */
  data: Data;
  /** Interactive steps answered in this flow, for "0 = back". */
  trail: string[];
}

export function freshSession(): SessionState {
  return { v: SESSION_VERSION, flow: null, step: null, data: {}, trail: [] };
}

/**
 * Reads a stored state of any known version. Unknown or corrupt state starts afresh rather than
 * trapping the user: the worst case is that they see the main menu again.
 */
export function readSession(raw: string | null | undefined): SessionState {
  if (!raw) return freshSession();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return freshSession();
  }
  if (!parsed || typeof parsed !== 'object') return freshSession();
  const s = parsed as Partial<SessionState>;
  if (s.v !== SESSION_VERSION) return freshSession();
  return {
    v: SESSION_VERSION,
    flow: typeof s.flow === 'string' ? s.flow : null,
    step: typeof s.step === 'string' ? s.step : null,
    data: s.data && typeof s.data === 'object' && !Array.isArray(s.data) ? s.data : {},
    trail: Array.isArray(s.trail) ? s.trail.filter((x): x is string => typeof x === 'string') : [],
  };
}
