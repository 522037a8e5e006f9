import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { systemClock } from '../core/clock.js';
import { SendError } from '../core/errors.js';
import { createTestApp, RecordingChannel, TestUser } from '../testing/harness.js';
import { PRIORITY } from './store.js';
import { decideRetry, MAX_SEND_ATTEMPTS } from './retry.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out waiting');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function start(channel: RecordingChannel, dir?: string): App {
  app = createTestApp({ clock: systemClock, channels: [channel], env: dir ? { DATA_DIR: dir } : {} });
  return app;
}

const stateOf = (id: number) => app.db.prepare('SELECT state, last_error, attempts FROM outbox WHERE id = ?').get(id) as { state: string; last_error: string | null; attempts: number };

describe('outbox dispatcher', () => {
  it('delivers committed replies in order per chat', async () => {
    const ch = new RecordingChannel();
    await start(ch).start();
    const u = new TestUser(app);
    await u.send('hi');
    await u.send('2');
    await u.send('2');
    await u.send('6');
    await until(() => ch.sent.length === 6);
    expect(ch.textsTo(u.chatId).map((t) => t.split('\n')[0])).toEqual([
      expect.stringContaining('Selamat datang'),
      expect.stringContaining('continue in English'),
      expect.stringContaining('Would you like to receive announcements'),
      expect.stringContaining('you will not receive announcements'),
      expect.stringContaining('How can we help'),
      'Safe migration info. Choose a topic:',
    ]);
    expect(app.outbox.counts().sent).toBe(6);
  });

  it('retries a transient failure after the platform retry-after, without reordering the chat', async () => {
    const ch = new RecordingChannel();
    ch.failures.push(new SendError('429 Too Many Requests', 'transient', 150));
    await start(ch).start();
    const u = new TestUser(app);
    const t0 = Date.now();
    await u.send('hi');
    await u.send('1');
    await until(() => ch.sent.length === 3);
    expect(ch.sent[0].at - t0).toBeGreaterThanOrEqual(140);
    expect(ch.sent[0].msg.text).toContain('Selamat datang');
    expect(ch.sent[1].msg.text).toContain('Bahasa Indonesia');
    const first = stateOf(1);
    expect(first).toMatchObject({ state: 'sent', attempts: 2 });
  });

  it('a permanent failure is kept as failed with its error; later messages still go', async () => {
    const ch = new RecordingChannel();
    ch.failures.push(new SendError('400 Bad Request: chat not found', 'permanent'));
    await start(ch).start();
    const u = new TestUser(app);
    await u.send('hi');
    await until(() => stateOf(1)?.state === 'failed');
    expect(stateOf(1).last_error).toContain('chat not found');
    await u.send('2');
    await until(() => ch.sent.length === 2);
  });

  it('a user who blocked the bot is marked unreachable and nothing more is sent to them', async () => {
    const ch = new RecordingChannel();
    ch.failures.push(new SendError('403 Forbidden: bot was blocked by the user', 'blocked'));
    const a = start(ch);
    const u = new TestUser(a);
    await u.send('hi');
    await u.send('2');
    await a.start();
    await until(() => stateOf(2)?.state === 'skipped');
    expect(stateOf(1).state).toBe('failed');
    expect(u.contact()?.unreachableAt).not.toBeNull();
    expect(ch.sent).toHaveLength(0);
  });

  it('after a restart it resumes pending rows and resends rows that were in flight', async () => {
    const first = new RecordingChannel();
    const a = start(first);
    const u = new TestUser(a);
    await u.send('hi');
    await u.send('2');
    a.db.prepare("UPDATE outbox SET state = 'sending' WHERE id = 1").run();
    const dir = a.config.DATA_DIR;
    await a.stop();
    const second = new RecordingChannel();
    await start(second, dir).start();
    await until(() => second.sent.length === 3);
    expect(second.sent.map((s) => s.msg.text.split('\n')[0])).toEqual([
      expect.stringContaining('Selamat datang'),
      expect.stringContaining('continue in English'),
      expect.stringContaining('Would you like to receive announcements'),
    ]);
  });

  it('live replies go ahead of a long broadcast', async () => {
    const ch = new RecordingChannel();
    app = createTestApp({ clock: systemClock, channels: [ch], pacing: { console: { perSecond: 200, perChatGapMs: 0, concurrency: 1 } } });
    const now = Date.now();
    const insert = app.db.transaction(() => {
      for (let i = 0; i < 300; i++) {
        app.outbox.enqueue({ channel: 'console', chatId: `b${i}`, contactId: null, payload: { text: `broadcast ${i}` }, priority: PRIORITY.broadcast }, now);
      }
    });
    insert();
    await app.start();
    await until(() => ch.sent.length >= 20);
    const u = new TestUser(app);
    await u.send('hi');
    await until(() => ch.textsTo(u.chatId).length === 1);
    const position = ch.sent.findIndex((s) => s.chatId === u.chatId);
    const broadcastsBefore = ch.sent.slice(0, position).length;
    expect(ch.sent.length).toBeLessThan(300);
    // The reply overtook the queue: only the broadcasts already in flight or that one round went first.
    expect(broadcastsBefore).toBeLessThan(20 + 5);
  });
});

describe('retry policy', () => {
  it('backs off exponentially, honours retry-after, and gives up after a named number of attempts', () => {
    const fixed = () => 0.5;
    expect(decideRetry(new SendError('x', 'transient'), 1, fixed)).toEqual({ kind: 'retry', afterMs: 1000 });
    expect(decideRetry(new SendError('x', 'transient'), 4, fixed)).toEqual({ kind: 'retry', afterMs: 8000 });
    expect(decideRetry(new SendError('x', 'transient', 30_000), 2)).toEqual({ kind: 'retry', afterMs: 30_000 });
    expect(decideRetry(new SendError('x', 'transient'), MAX_SEND_ATTEMPTS)).toEqual({ kind: 'failed' });
    expect(decideRetry(new SendError('x', 'permanent'), 1)).toEqual({ kind: 'failed' });
    expect(decideRetry(new SendError('x', 'blocked'), 1)).toEqual({ kind: 'blocked' });
    expect(decideRetry(new Error('ECONNRESET'), 1, fixed).kind).toBe('retry');
  });
});
