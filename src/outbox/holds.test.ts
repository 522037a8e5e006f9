/**
 * Held messages in the outbox: a safe-time hold does not keep later messages of the chat waiting,
 * a 'held' send outcome waits for the contact's next message, and broadcasts get the same holds
 * (urgent ones never).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { ManualClock } from '../core/clock.js';
import { SendError } from '../core/errors.js';
import { createBroadcast } from '../domain/broadcasts/store.js';
import { setContactWindow } from '../domain/delivery/safeWindows.js';
import { createTestApp, RecordingChannel, TestUser } from '../testing/harness.js';
import { decideRetry, DEFAULT_HOLD_MS, MAX_SEND_ATTEMPTS } from './retry.js';
import { EXPIRED_BEFORE_SAFE_TIME } from './notifier.js';

const HK = 'Asia/Hong_Kong';
const HOUR = 3_600_000;
let app: App & { manualClock: ManualClock };
afterEach(async () => {
  await app?.stop();
});

/** A worker in Hong Kong (clock: 11:00 there) who wants messages only late at night (21:00–24:00). */
async function lateNightWorker(ch: RecordingChannel): Promise<TestUser> {
  app = createTestApp({ channels: [ch] });
  await app.start();
  const u = new TestUser(app);
  await u.start('en');
  await app.drain();
  app.notifier.transaction(() => setContactWindow(app.db, u.contact()!.id, 'late_night', HK, app.clock.now(), 'Asia/Jakarta'));
  return u;
}

describe('held messages', () => {
  it('a message held for the safe time does not hold up the replies to the worker’s own messages', async () => {
    const ch = new RecordingChannel();
    const u = await lateNightWorker(ch);
    app.notifier.notify(u.contact()!.id, { text: { raw: 'Officer: are you safe?' } });
    await u.send('menu');
    await app.drain();
    const texts = ch.textsTo(u.chatId);
    expect(texts.at(-1)).toContain('How can we help');
    expect(texts.join('\n')).not.toContain('are you safe?');
    // An urgent message (emergency path) is never held.
    app.notifier.notify(u.contact()!.id, { text: { raw: 'Officer: call 999 now' }, urgent: true });
    await app.drain();
    expect(ch.textsTo(u.chatId).at(-1)).toBe('Officer: call 999 now');
    app.manualClock.advance(10 * HOUR); // 21:00 in Hong Kong
    app.dispatcher.kick();
    await app.drain();
    expect(ch.textsTo(u.chatId).at(-1)).toBe('Officer: are you safe?');
  });

  it('a message that would be held past the moment it is about (a meeting reminder) is kept as skipped, not sent late', async () => {
    const ch = new RecordingChannel();
    const u = await lateNightWorker(ch);
    const id = u.contact()!.id;
    app.notifier.notify(id, { text: { raw: 'The meeting starts in one hour.' }, expiresAt: app.clock.now() + HOUR });
    app.notifier.notify(id, { text: { raw: 'The meeting is tomorrow.' }, expiresAt: app.clock.now() + 30 * HOUR });
    const row = (like: string) => app.db.prepare('SELECT state, last_error, hold_until FROM outbox WHERE payload LIKE ?').get(`%${like}%`);
    expect(row('one hour')).toEqual({ state: 'skipped', last_error: EXPIRED_BEFORE_SAFE_TIME, hold_until: Date.UTC(2026, 10, 27, 13, 0) });
    expect(row('tomorrow')).toEqual({ state: 'pending', last_error: null, hold_until: Date.UTC(2026, 10, 27, 13, 0) });
  });

  it('a "held" send outcome waits for the contact’s next message, which releases it', async () => {
    const ch = new RecordingChannel();
    app = createTestApp({ channels: [ch] });
    await app.start();
    const u = new TestUser(app);
    await u.start('en');
    await app.drain();
    ch.failures.push(new SendError('template sent; waiting for the answer', 'held', 3 * 24 * HOUR));
    app.notifier.notify(u.contact()!.id, { text: { raw: 'There is news about your report.' } });
    await app.drain();
    const row = () => app.db.prepare("SELECT state, hold_reason, next_attempt_at FROM outbox WHERE payload LIKE '%news about%'").get() as { state: string; hold_reason: string | null; next_attempt_at: number };
    expect(row()).toMatchObject({ state: 'pending', hold_reason: 'reply_window', next_attempt_at: app.clock.now() + 3 * 24 * HOUR });
    await u.send('hello');
    await app.drain();
    expect(row()).toMatchObject({ state: 'sent', hold_reason: null });
    const texts = ch.textsTo(u.chatId);
    expect(texts.indexOf('There is news about your report.')).toBeLessThan(texts.length - 1); // before the answer to "hello"
  });

  it('decides a held outcome: wait as the channel says (or a week), stop after the attempt cap', () => {
    expect(decideRetry(new SendError('x', 'held', 5000), 1)).toEqual({ kind: 'held', afterMs: 5000 });
    expect(decideRetry(new SendError('x', 'held'), 2)).toEqual({ kind: 'held', afterMs: DEFAULT_HOLD_MS });
    expect(decideRetry(new SendError('x', 'held'), MAX_SEND_ATTEMPTS)).toEqual({ kind: 'skipped' });
  });

  it('broadcasts wait for a recipient’s safe time; urgent broadcasts do not', async () => {
    const ch = new RecordingChannel();
    const u = await lateNightWorker(ch);
    const other = new TestUser(app);
    await other.start('en', true);
    app.db.prepare('UPDATE contacts SET subscribed = 1').run();
    const send = (text: string, urgent: boolean) =>
      app.notifier.transaction((out) => {
        createBroadcast({ db: app.db, translator: app.translator, defaultLang: 'id', dataDir: app.config.DATA_DIR }, out, { audience: { kind: 'everyone' }, texts: { id: text }, urgent, scheduledAt: null, createdBy: 'api' }, app.clock.now());
      });
    send('Pengumuman biasa.', false);
    send('Peringatan topan.', true);
    await app.drain();
    expect(ch.textsTo(other.chatId).join('\n')).toContain('Pengumuman biasa.');
    expect(ch.textsTo(u.chatId).join('\n')).toContain('Peringatan topan.');
    expect(ch.textsTo(u.chatId).join('\n')).not.toContain('Pengumuman biasa.');
    const held = app.db.prepare("SELECT hold_until FROM outbox WHERE chat_id = ? AND payload LIKE '%Pengumuman biasa%'").pluck().get(u.chatId);
    expect(held).toBe(Date.UTC(2026, 10, 27, 13, 0));
  });
});
