/** Structured logging. Never log message bodies, phone numbers or PINs at info level: use chatTag(). */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';
import pretty from 'pino-pretty';

export type { Logger };

export interface LoggerOptions {
  /** Readable lines (time, level, message, fields) instead of JSON; default: when stdout is a terminal. */
  pretty?: boolean;
}

/**
 * Creates the process logger: JSON lines to stdout (or a given destination) for journald and log
 * collectors, readable coloured lines when a person watches a terminal.
 */
export function createLogger(level: string, destination?: pino.DestinationStream | NodeJS.WritableStream, opts: LoggerOptions = {}): Logger {
  const target = destination ?? process.stdout;
  const readable = opts.pretty ?? ((target as { isTTY?: boolean }).isTTY === true);
  const options: pino.LoggerOptions = {
    level,
    base: undefined,
    // ISO 8601 in UTC ("2026-12-01T14:53:51.917Z") rather than epoch milliseconds: readable in a file too.
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: ['text', 'body', 'phone', 'pin', '*.text', '*.body', '*.phone', '*.pin'], censor: '[redacted]' },
  };
  if (!readable) return pino(options, destination as pino.DestinationStream | undefined);
  // Synchronous, in-process: lines appear in order with anything else printed, also just before exit.
  const stream = pretty({
    destination: target as NodeJS.WritableStream,
    sync: true,
    colorize: (target as { isTTY?: boolean }).isTTY === true,
    translateTime: 'SYS:yyyy-mm-dd HH:MM:ss',
    ignore: 'pid,hostname',
    singleLine: true,
  });
  return pino(options, stream);
}

/** A stable, non-reversible tag for a chat id, so logs can be correlated without the number. */
export function chatTag(channel: string, chatId: string): string {
  return `${channel}:${createHash('sha256').update(`${channel}:${chatId}`).digest('hex').slice(0, 10)}`;
}

export const silentLogger: Logger = pino({ level: 'silent' });

/** A stable, non-reversible tag for a client address (audit rows and logs never hold the address). */
export function addressTag(address: string): string {
  return `addr:${createHash('sha256').update(`address:${address}`).digest('hex').slice(0, 10)}`;
}
