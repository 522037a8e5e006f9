/** Test helper: a real pino logger (same options as production) writing JSON lines to memory. */
import { Writable } from 'node:stream';
import { type Logger, createLogger } from '../logger.js';

export interface MemoryLog {
  log: Logger;
  /** Every line written so far, as raw JSON text. */
  raw(): string;
  /** Parsed lines. */
  lines(): Record<string, unknown>[];
}

/** A logger at `level` whose output is kept in memory. */
export function memoryLog(level = 'info'): MemoryLog {
  const chunks: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const log = createLogger(level, stream as never);
  const raw = () => chunks.join('');
  return {
    log,
    raw,
    lines: () =>
      raw()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}
