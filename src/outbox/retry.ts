/** What to do after a failed send. */
import { SendError } from '../core/errors.js';

/** Attempts before a transiently failing message is given up as failed. */
export const MAX_SEND_ATTEMPTS = 12;
export const BASE_BACKOFF_MS = 1000;
export const MAX_BACKOFF_MS = 5 * 60_000;
/** How long a held message waits for the contact's answer when the channel does not say. */
export const DEFAULT_HOLD_MS = 7 * 24 * 3600_000;

export type RetryDecision =
  | { kind: 'retry'; afterMs: number }
  | { kind: 'failed' }
  | { kind: 'blocked' }
  | { kind: 'skipped' }
  | { kind: 'held'; afterMs: number };

/** Transient errors back off exponentially (honouring a platform's retry-after); others stop. */
export function decideRetry(err: unknown, attempts: number, random: () => number = Math.random): RetryDecision {
  const e = err instanceof SendError ? err : new SendError(String(err), 'transient');
  if (e.kind === 'blocked') return { kind: 'blocked' };
  if (e.kind === 'skipped') return { kind: 'skipped' };
  // The channel decides how often to ask again; this cap only stops a channel that never gives up.
  if (e.kind === 'held') return attempts >= MAX_SEND_ATTEMPTS ? { kind: 'skipped' } : { kind: 'held', afterMs: e.retryAfterMs ?? DEFAULT_HOLD_MS };
  if (e.kind === 'permanent') return { kind: 'failed' };
  if (attempts >= MAX_SEND_ATTEMPTS) return { kind: 'failed' };
  if (e.retryAfterMs !== undefined) return { kind: 'retry', afterMs: e.retryAfterMs };
  const exp = Math.min(MAX_BACKOFF_MS, BASE_BACKOFF_MS * 2 ** Math.max(0, attempts - 1));
  return { kind: 'retry', afterMs: Math.round(exp * (0.8 + 0.4 * random())) };
}
