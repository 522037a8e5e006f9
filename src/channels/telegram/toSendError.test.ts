import { GrammyError, HttpError } from 'grammy';
import { describe, expect, it } from 'vitest';
import { SendError } from '../../core/errors.js';
import { DEFAULT_RETRY_AFTER_MS, toSendError } from './toSendError.js';

function apiError(code: number, description: string, parameters?: object) {
  return new GrammyError('Call failed', { ok: false, error_code: code, description, parameters }, 'sendMessage', { chat_id: 1, text: 'secret body' });
}

describe('toSendError', () => {
  it('429 is transient and carries retry_after in ms', () => {
    const e = toSendError(apiError(429, 'Too Many Requests: retry after 7', { retry_after: 7 }), 'sendMessage');
    expect([e.kind, e.retryAfterMs]).toEqual(['transient', 7000]);
    expect(toSendError(apiError(429, 'Too Many Requests'), 'sendMessage').retryAfterMs).toBe(DEFAULT_RETRY_AFTER_MS);
  });

  it('403 means the user blocked the bot; 400 is permanent; 5xx and network errors are transient', () => {
    expect(toSendError(apiError(403, 'Forbidden: bot was blocked by the user'), 'sendMessage').kind).toBe('blocked');
    expect(toSendError(apiError(400, 'Bad Request: chat not found'), 'sendMessage').kind).toBe('permanent');
    expect(toSendError(apiError(502, 'Bad Gateway'), 'sendMessage').kind).toBe('transient');
    expect(toSendError(new HttpError("Network request for 'sendMessage' failed!", new Error('ECONNRESET')), 'sendMessage')).toMatchObject({
      kind: 'transient',
      message: 'Telegram sendMessage: network error (ECONNRESET)',
    });
  });

  it('never puts the message body in the error', () => {
    const e = toSendError(apiError(400, 'Bad Request: message is too long'), 'sendMessage');
    expect(e).toBeInstanceOf(SendError);
    expect(e.message).toBe('Telegram sendMessage 400: Bad Request: message is too long');
    expect(e.message).not.toContain('secret body');
  });
});
