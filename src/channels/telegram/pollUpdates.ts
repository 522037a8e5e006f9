/**
 * Polling mode: getUpdates until stopped. An update is confirmed (the offset moves past it) only
 * after its turn is committed; while the database cannot take messages the same update is offered
 * again after a pause, and during shutdown it is left unconfirmed for Telegram to deliver again.
 */
import { type Bot, BotError } from 'grammy';
import type { Update } from 'grammy/types';
import { StorageUnavailableError } from '../../core/errors.js';
import type { Logger } from '../../logger.js';
import { IntakeRefused, describeError, stackOf } from './errors.js';
import { sig, sleep } from './signals.js';
import { ALLOWED_UPDATES } from './toInbound.js';

/** Seconds a getUpdates call waits for news. */
export const POLL_TIMEOUT_SECONDS = 25;
/** While the database cannot take messages, the same update is offered to the router again after this (doubling). */
export const STORAGE_RETRY_MIN_MS = 1000;
export const STORAGE_RETRY_MAX_MS = 30_000;

export interface PollDeps {
  bot: Bot;
  log: Logger;
  signal: AbortSignal;
  /** The first update_id not yet handled (0: whatever Telegram has); moved on as updates are handled. */
  cursor: { offset: number };
  timeoutSeconds?: number;
  storageRetryMinMs?: number;
  /** getUpdates failed: report it and wait before the next try. */
  failed: (phase: string, err: unknown) => Promise<void>;
  /** getUpdates answered (after failures: the connection is back). */
  succeeded: () => void;
}

/** Fetches and handles updates until the signal aborts or the router refuses (shutting down). */
export async function pollUpdates(d: PollDeps): Promise<void> {
  const { bot, signal, cursor } = d;
  const timeout = d.timeoutSeconds ?? POLL_TIMEOUT_SECONDS;
  const storageRetryMin = d.storageRetryMinMs ?? STORAGE_RETRY_MIN_MS;
  let allowed: readonly string[] | undefined = ALLOWED_UPDATES;
  let storageBackoff = storageRetryMin;
  while (!signal.aborted) {
    let updates: Update[];
    try {
      updates = await bot.api.getUpdates(
        { offset: cursor.offset, timeout, ...(allowed ? { allowed_updates: [...allowed] as never } : {}) },
        sig(signal),
      );
      allowed = undefined; // Telegram remembers it
    } catch (err) {
      if (signal.aborted) return;
      await d.failed('getUpdates', err);
      continue;
    }
    d.succeeded();
    for (const update of updates) {
      const outcome = await handleOne(bot, d.log, update);
      if (outcome === 'refused') return; // shutting down: leave it unconfirmed
      if (outcome === 'unavailable') {
        // Not confirmed: the next getUpdates (same offset) brings this update again.
        await sleep(storageBackoff, signal);
        storageBackoff = Math.min(STORAGE_RETRY_MAX_MS, storageBackoff * 2);
        break;
      }
      storageBackoff = storageRetryMin;
      cursor.offset = update.update_id + 1;
    }
  }
}

/** Handles one polled update: 'refused' while shutting down, 'unavailable' when the database cannot take it now. */
async function handleOne(bot: Bot, log: Logger, update: Update): Promise<'done' | 'refused' | 'unavailable'> {
  try {
    await bot.handleUpdate(update);
    return 'done';
  } catch (err) {
    const inner = err instanceof BotError ? err.error : err;
    if (inner instanceof IntakeRefused) return 'refused';
    if (inner instanceof StorageUnavailableError) {
      log.warn({ updateId: update.update_id, code: inner.code }, 'database unavailable: update left unconfirmed, offered again after a pause');
      return 'unavailable';
    }
    // Not a turn error (the router answers those with an apology): a bug in mapping. Skip the
    // update rather than block every later message behind it.
    log.error({ error: describeError(inner), stack: stackOf(inner), updateId: update.update_id }, 'telegram update could not be handled; skipped');
    return 'done';
  }
}
