import { describe, expect, it } from 'vitest';
import { webhookPayload } from '../../testing/fakeGraph.js';
import { convertWebhookToInbound } from './convertWebhookToInbound.js';
import { signPayload, verifySignature } from './verifySignature.js';
import { classifyGraphError } from './classifyGraphError.js';

const PHONE = '111';
const from = '628123';
const msg = (type: string, extra: object) => ({ from, id: `wamid.${type}`, timestamp: '1790000000', type, ...extra });
const convert = (messages: unknown[]) => convertWebhookToInbound(webhookPayload(PHONE, { messages }), PHONE, 5).messages;

describe('convertWebhookToInbound', () => {
  it('maps text, list and button taps, media, voice notes and locations', () => {
    const out = convert([
      msg('text', { text: { body: 'halo' } }),
      msg('interactive', { interactive: { type: 'list_reply', list_reply: { id: '3', title: '3. x' } } }),
      msg('interactive', { interactive: { type: 'button_reply', button_reply: { id: '1', title: 'Yes' } } }),
      msg('image', { image: { id: 'M1', mime_type: 'image/jpeg', caption: 'my contract' } }),
      msg('audio', { audio: { id: 'M2', mime_type: 'audio/ogg', voice: true } }),
      msg('document', { document: { id: 'M3', mime_type: 'application/pdf', filename: 'kontrak.pdf' } }),
      msg('video', { video: { id: 'M4', mime_type: 'video/mp4' } }),
      msg('sticker', { sticker: { id: 'M5', mime_type: 'image/webp' } }),
      msg('location', { location: { latitude: 25.03, longitude: 121.56 } }),
      msg('reaction', { reaction: { emoji: '👍' } }),
      msg('unsupported', {}),
    ]);
    expect(out.map((m) => [m.kind ?? 'message', m.text, m.media?.kind, m.media?.ref])).toEqual([
      ['message', 'halo', undefined, undefined],
      ['tap', '3', undefined, undefined],
      ['tap', '1', undefined, undefined],
      ['message', 'my contract', 'image', 'M1'],
      ['message', '', 'voice', 'M2'],
      ['message', '', 'document', 'M3'],
      ['message', '', 'video', 'M4'],
      ['message', '', 'sticker', 'M5'],
      ['message', '', 'location', undefined],
      ['message', '', 'other', undefined],
    ]);
    expect(out[0]).toMatchObject({ channel: 'whatsapp-cloud', chatId: from, platformId: 'wamid.text', receivedAt: 1790000000000 });
    expect(out[5].media).toEqual({ kind: 'document', ref: 'M3', mime: 'application/pdf', fileName: 'kontrak.pdf' });
    expect(out[8].media).toEqual({ kind: 'location', latitude: 25.03, longitude: 121.56 });
  });

  it('ignores events for another phone number and malformed payloads', () => {
    expect(convertWebhookToInbound(webhookPayload('999', { messages: [msg('text', { text: { body: 'x' } })] }), PHONE, 0).messages).toEqual([]);
    expect(convertWebhookToInbound({ entry: 'nope' }, PHONE, 0)).toEqual({ messages: [], statuses: [] });
    expect(convertWebhookToInbound(null, PHONE, 0)).toEqual({ messages: [], statuses: [] });
  });

  it('reads statuses with the error of a failed one', () => {
    const statuses = [{ id: 'w1', status: 'read' }, { id: 'w2', status: 'failed', errors: [{ code: 131047, title: 'Re-engagement message' }] }, { id: 'w3', status: 'weird' }];
    expect(convertWebhookToInbound(webhookPayload(PHONE, { statuses }), PHONE, 0).statuses).toEqual([
      { platformMessageId: 'w1', status: 'read' },
      { platformMessageId: 'w2', status: 'failed', error: '131047 Re-engagement message' },
    ]);
  });
});

describe('verifySignature', () => {
  it('accepts only the HMAC of exactly these bytes with this secret', () => {
    const body = Buffer.from('{"a":1}');
    expect(verifySignature(body, signPayload(body, 's3cret'), 's3cret')).toBe(true);
    expect(verifySignature(Buffer.from('{"a":2}'), signPayload(body, 's3cret'), 's3cret')).toBe(false);
    expect(verifySignature(body, signPayload(body, 'other'), 's3cret')).toBe(false);
    expect(verifySignature(body, undefined, 's3cret')).toBe(false);
    expect(verifySignature(body, 'sha256=abc', 's3cret')).toBe(false);
    expect(verifySignature(body, signPayload(body, 's3cret').replace('sha256=', 'sha1='), 's3cret')).toBe(false);
  });
});

describe('classifyGraphError', () => {
  it('retries rate limits and server errors, stops on client errors, flags a refused token', () => {
    const k = (status: number, code?: number) => {
      const c = classifyGraphError(status, code === undefined ? undefined : { error: { code, message: 'm' } });
      return [c.error.kind, c.tokenRejected, c.error.retryAfterMs];
    };
    expect(k(429)).toEqual(['transient', false, undefined]);
    expect(k(400, 130429)).toEqual(['transient', false, undefined]);
    expect(k(400, 131056)).toEqual(['transient', false, 6000]);
    expect(k(503)).toEqual(['transient', false, undefined]);
    expect(k(400, 131047)).toEqual(['permanent', false, undefined]);
    expect(k(400, 100)).toEqual(['permanent', false, undefined]);
    expect(k(401)).toEqual(['permanent', true, undefined]);
    expect(k(400, 190)).toEqual(['permanent', true, undefined]);
    expect(classifyGraphError(429, undefined, '7').error.retryAfterMs).toBe(7000);
  });
});
