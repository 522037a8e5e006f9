/** Readable logs for people at a terminal keep the same redaction as JSON logs. */
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.js';

function sink(): { stream: Writable; text: () => string } {
  const chunks: string[] = [];
  return { stream: new Writable({ write: (c, _e, cb) => (chunks.push(String(c)), cb()) }), text: () => chunks.join('') };
}

describe('logger', () => {
  it('pretty: one readable line with time, level, message and fields; phone numbers and texts still redacted', () => {
    const out = sink();
    const log = createLogger('info', out.stream, { pretty: true });
    log.info({ channel: 'telegram', phone: '+6281234567890', text: 'tolong saya' }, 'message received');
    const line = out.text();
    expect(line).toMatch(/^\[\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\] INFO: message received \{.*"channel":"telegram".*\}\n$/);
    expect(line).not.toContain('6281234567890');
    expect(line).not.toContain('tolong saya');
  });

  it('JSON (not a terminal): one JSON object per line with an ISO time', () => {
    const out = sink();
    createLogger('info', out.stream).warn({ phone: '+6281234567890' }, 'slow');
    const parsed = JSON.parse(out.text()) as Record<string, unknown>;
    expect(parsed).toMatchObject({ level: 40, msg: 'slow', phone: '[redacted]' });
    expect(parsed.time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
