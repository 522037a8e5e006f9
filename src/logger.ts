/** Structured logging. Never log message bodies, phone numbers or PINs at info level: use chatTag(). */
import { createHash } from 'node:crypto';
import pino, { type Logger } from 'pino';

export type { Logger };

/** Creates the process logger (JSON lines to stdout, or to a given destination in tests). */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level,
      base: undefined,
      redact: { paths: ['text', 'body', 'phone', 'pin', '*.text', '*.body', '*.phone', '*.pin'], censor: '[redacted]' },
    },
    destination,
  );
}

/** A stable, non-reversible tag for a chat id, so logs can be correlated without the number. */
export function chatTag(channel: string, chatId: string): string {
  return `${channel}:${createHash('sha256').update(`${channel}:${chatId}`).digest('hex').slice(0, 10)}`;
}

export const silentLogger: Logger = pino({ level: 'silent' });
