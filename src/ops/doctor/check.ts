/**
 * The doctor's vocabulary: each check returns results (ok, warn or fail), each with a message that
 * says what was found and, for a problem, the fix. A `fail` blocks going live (non-zero exit code);
 * a `warn` is worth fixing but the helpline works. Checks never print secrets or phone numbers.
 */
import type { Config } from '../../config.js';
import type { DB } from '../../store/db.js';

export type CheckStatus = 'ok' | 'warn' | 'fail';

export interface DoctorResult {
  status: CheckStatus;
  /** Short, stable name of what was checked ("Telegram bot", "Last backup"). */
  name: string;
  /** What was found. */
  message: string;
  /** What to do about it (problems only). */
  fix?: string;
}

/** Signs and verifies WhatsApp webhook bodies the way the running bot does (injected from the channel). */
export interface WebhookSigner {
  sign(body: string, secret: string): string;
  verify(body: Buffer, header: string | undefined, secret: string): boolean;
}

export interface DoctorContext {
  config: Config;
  /** The server's database opened read-only, or null when there is none. */
  db: DB | null;
  /** Now, in epoch milliseconds (passed in so ages and skews are testable). */
  now: number;
  /** Per platform call. */
  timeoutMs: number;
  signer: WebhookSigner;
  /** Template names the bot needs approved (when template sending is configured). */
  requiredTemplates?: string[];
}

export type DoctorCheck = (ctx: DoctorContext) => Promise<DoctorResult[]> | DoctorResult[];

/** A passed check. */
export const ok = (name: string, message: string): DoctorResult => ({ status: 'ok', name, message });
/** Works, but should be fixed. */
export const warn = (name: string, message: string, fix: string): DoctorResult => ({ status: 'warn', name, message, fix });
/** Blocks going live. */
export const fail = (name: string, message: string, fix: string): DoctorResult => ({ status: 'fail', name, message, fix });
