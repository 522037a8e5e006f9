/** Abort signals for grammY calls, and a sleep that ends early when its signal aborts. */
import type { Api } from 'grammy';

/** grammY types its signals with the abort-controller shim; the platform AbortSignal is what it uses at run time. */
export type GrammySignal = Parameters<Api['getMe']>[0];

/** The platform AbortSignal typed for grammY. */
export function sig(s: AbortSignal): GrammySignal {
  return s as unknown as GrammySignal;
}

/** Waits `ms`, or less when `signal` aborts; never rejects. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done);
  });
}
