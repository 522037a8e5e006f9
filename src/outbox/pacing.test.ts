import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { ManualClock, systemClock } from '../core/clock.js';
import { createTestApp, RecordingChannel, TestUser } from '../testing/harness.js';
import { PRIORITY } from './store.js';
import { Pacer, TELEGRAM_GROUP_GAP_MS, TELEGRAM_PER_CHAT_BURST, TELEGRAM_PER_CHAT_GAP_MS, telegramPacing } from './pacing.js';

describe('Pacer', () => {
  it('spaces sends over the whole channel evenly, with a margin below the limit (30/s -> one every 37 ms)', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    const waits = [p.reserve(), p.reserve(), p.reserve()];
    expect(waits.map(Math.round)).toEqual([0, 37, 74]);
    clock.advance(1000);
    expect(p.reserve()).toBe(0);
  });

  it('lets a short multi-message reply to one chat go at once, then one message a second', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    for (let i = 0; i < TELEGRAM_PER_CHAT_BURST; i++) {
      expect(p.chatDelay('42')).toBe(0);
      p.noteSent('42');
    }
    expect(p.chatReady('42')).toBe(false);
    expect(p.chatDelay('42')).toBe(TELEGRAM_PER_CHAT_GAP_MS);
    expect(p.chatReady('43')).toBe(true); // other chats are not held up
    clock.advance(TELEGRAM_PER_CHAT_GAP_MS);
    expect(p.chatReady('42')).toBe(true);
    p.noteSent('42');
    expect(p.chatDelay('42')).toBe(TELEGRAM_PER_CHAT_GAP_MS);
  });

  it('refills the burst after a quiet while, but never beyond it', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    p.noteSent('7');
    clock.advance(60_000);
    for (let i = 0; i < TELEGRAM_PER_CHAT_BURST; i++) p.noteSent('7');
    expect(p.chatReady('7')).toBe(false);
  });

  it('paces group chats (negative ids) at 20 a minute with no burst', () => {
    const clock = new ManualClock(0);
    const p = new Pacer(telegramPacing(30), clock);
    p.noteSent('-100123');
    expect(p.chatDelay('-100123')).toBe(TELEGRAM_GROUP_GAP_MS);
    clock.advance(TELEGRAM_GROUP_GAP_MS);
    expect(p.chatReady('-100123')).toBe(true);
  });

  it('has no per-chat limit when the gap is 0', () => {
    const p = new Pacer({ perSecond: 50, perChatGapMs: 0, concurrency: 4 }, new ManualClock(0));
    for (let i = 0; i < 10; i++) p.noteSent('x');
    expect(p.chatReady('x')).toBe(true);
  });
});

/** The most sends found inside any window of `windowMs` (inclusive of its start, exclusive of its end). */
function busiestWindow(times: number[], windowMs = 1000): number {
  let best = 0;
  for (let i = 0, j = 0; j < times.length; j++) {
    while (times[j] - times[i] >= windowMs) i++;
    best = Math.max(best, j - i + 1);
  }
  return best;
}

let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});


describe('pacing', () => {
  it('at 30/s, timers firing a millisecond early still never fit 31 sends into one second', () => {
    const clock = new ManualClock(0);
    const pacer = new Pacer({ perSecond: 30, perChatGapMs: 0, concurrency: 1 }, clock);
    const sentAt: number[] = [];
    for (let i = 0; i < 200; i++) {
      const wait = pacer.reserve();
      clock.advance(Math.max(0, Math.floor(wait) - 1)); // the timer fires up to 1 ms early
      pacer.noteSent(`c${i}`);
      sentAt.push(clock.now());
    }
    expect(busiestWindow(sentAt)).toBeLessThanOrEqual(30);
    // ... while keeping at least 95 % of the configured rate.
    expect(200 / ((sentAt[199] - sentAt[0]) / 1000)).toBeGreaterThanOrEqual(0.95 * 30);
  });

  it('a stream of new replies does not cut the pacing short for a broadcast being sent', async () => {
    const ch = new RecordingChannel();
    app = createTestApp({ clock: systemClock, channels: [ch], pacing: { console: { perSecond: 20, perChatGapMs: 0, concurrency: 1 } } });
    const now = Date.now();
    app.db.transaction(() => {
      for (let i = 0; i < 60; i++) {
        app!.outbox.enqueue({ channel: 'console', chatId: `b${i}`, contactId: null, payload: { text: `broadcast ${i}` }, priority: PRIORITY.broadcast }, now);
      }
    })();
    await app.start();
    // Users keep writing (each committed turn kicks the dispatcher) for 1.5 s.
    const users = Array.from({ length: 5 }, () => new TestUser(app!));
    const end = Date.now() + 1500;
    for (let i = 0; Date.now() < end; i++) {
      await users[i % users.length].send(i % 2 ? '6' : 'menu');
      await new Promise((r) => setTimeout(r, 5));
    }
    const times = ch.sent.map((s) => s.at);
    expect(times.length).toBeGreaterThan(20);
    expect(busiestWindow(times)).toBeLessThanOrEqual(20);
  });
});
