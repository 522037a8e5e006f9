/**
 * Platform trouble: the fake Telegram Bot API answers 500s for a while, then 429 with retry_after,
 * hangs past the adapter's timeout, resets connections and answers slowly, while a broadcast is
 * queued and users keep talking. Nothing is lost, nothing is sent twice beyond the at-least-once
 * rule (a delivery whose answer never arrived), live replies overtake the broadcast, and
 * /api/health shows the degraded channel while it lasts and 'up' afterwards.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { TelegramChannel } from '../channels/telegram.js';
import { withBold } from '../channels/telegram/format.js';
import { systemClock } from '../core/clock.js';
import type { Outbound } from '../core/types.js';
import { PRIORITY } from '../outbox/store.js';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { createTestApp, testConfig } from '../testing/harness.js';

const SEND_TIMEOUT_MS = 400;
const BROADCAST_ROWS = 40;
let fake: FakeTelegram;
let app: App;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
});

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function health(): Promise<{ status: string; channels: { telegram?: { state: string; detail?: string } } }> {
  return (await fetch(`http://127.0.0.1:${app.port}/api/health`)).json() as never;
}

async function until(what: string, cond: () => boolean | Promise<boolean>, ms = 20_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

const openRows = () => app.db.prepare("SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')").pluck().get() as number;

describe('platform trouble', () => {
  it('500s, 429s, hangs, resets and slow answers: nothing lost, no resend of a confirmed message, replies first, health degraded then up', async () => {
    fake = await FakeTelegram.start();
    const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const tg = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, pollTimeoutSeconds: 1, reconnectMinMs: 100, sendTimeoutMs: SEND_TIMEOUT_MS });
    app = createTestApp({ config, clock: systemClock, channels: [tg], http: true, pacing: { telegram: { perSecond: 25, perChatGapMs: 0, concurrency: 4 } } });
    await app.start();

    const users = [2001, 2002, 2003];
    for (const [i, u] of users.entries()) {
      fake.userSays(u, 'halo');
      fake.userSays(u, String(i + 1));
      fake.userSays(u, '2');
    }
    await until('greetings delivered', async () => openRows() === 0 && fake.pendingUpdates === 0 && fake.sent.length >= 9);
    expect((await health()).channels.telegram?.state).toBe('up');

    // Trouble begins: every send fails with 500 while a broadcast is queued.
    fake.failNextSends(10_000, { code: 500 });
    const now = Date.now();
    for (let i = 0; i < BROADCAST_ROWS; i++) {
      app.outbox.enqueue({ channel: 'telegram', chatId: String(3000 + i), contactId: null, payload: { text: `announcement ${i}` }, priority: PRIORITY.broadcast }, now);
    }
    app.dispatcher.kick('telegram');
    fake.userSays(2001, 'menu');
    await until('health degraded', async () => (await health()).channels.telegram?.state === 'degraded', 10_000);
    const during = await health();
    expect(during.status).toBe('degraded');
    expect(during.channels.telegram?.detail).toContain('500');

    // Then mixed trouble and a rate limit, while users keep talking.
    fake.clearFailures();
    fake.enforceRateLimit({ overallPerSecond: 15, retryAfter: 1 });
    fake.failNextSends(1, { code: 429, retryAfter: 1 });
    fake.failNextSends(1, { code: 'hang' });
    fake.failNextSends(1, { code: 'reset' });
    fake.failNextSends(1, { code: 'slow', ms: SEND_TIMEOUT_MS + 300 });
    fake.failNextSends(1, { code: 502 });
    fake.failNextSends(1, { code: 'slow', ms: 150 });
    fake.failNextSends(1, { code: 503 });
    const firstLive = app.db.prepare('SELECT MAX(id) FROM outbox').pluck().get() as number;
    fake.userSays(2002, 'menu');
    fake.userSays(2003, '6');

    await until('everything delivered', () => openRows() === 0 && fake.pendingUpdates === 0, 40_000);
    fake.enforceRateLimit(null);
    // A successful send clears the failure streak: health is up again.
    await until('health up', async () => (await health()).channels.telegram?.state === 'up', 10_000);
    expect((await health()).status).toBe('ok');

    const rows = app.db.prepare("SELECT id, chat_id, payload, state, priority, platform_message_id FROM outbox WHERE channel = 'telegram' ORDER BY id").all() as {
      id: number;
      chat_id: string;
      payload: string;
      state: string;
      priority: number;
      platform_message_id: string | null;
    }[];
    // Nothing lost: every row sent, each with the id of a delivery of its text to its chat.
    expect(rows.filter((r) => r.state !== 'sent' || !r.platform_message_id)).toEqual([]);
    const byId = new Map(fake.sent.map((m) => [String(m.messageId), m]));
    const confirmed = new Set<string>();
    for (const r of rows) {
      const m = byId.get(r.platform_message_id!);
      expect(m && { chat: m.chatId, text: m.text }).toEqual({ chat: r.chat_id, text: withBold((JSON.parse(r.payload) as Outbound).text).text });
      confirmed.add(r.platform_message_id!);
    }
    // Sent twice only where the answer never came (the slow answer past the timeout), and then
    // the confirmed delivery is the later one.
    const extra = fake.sent.filter((m) => !confirmed.has(String(m.messageId)));
    expect(extra.length).toBeLessThanOrEqual(1);
    for (const e of extra) {
      expect(rows.some((r) => r.chat_id === e.chatId && byId.get(r.platform_message_id!)!.messageId > e.messageId && byId.get(r.platform_message_id!)!.text === e.text)).toBe(true);
    }
    // Live replies committed during the broadcast were delivered before the broadcast finished.
    const position = (r: { platform_message_id: string | null }) => fake.sent.findIndex((m) => String(m.messageId) === r.platform_message_id);
    const lastBroadcast = Math.max(...rows.filter((r) => r.priority === PRIORITY.broadcast).map(position));
    const live = rows.filter((r) => r.priority === PRIORITY.reply && r.id > firstLive);
    expect(live.length).toBeGreaterThanOrEqual(2);
    for (const r of live) expect(position(r)).toBeLessThan(lastBroadcast);
    expect(fake.refused.length).toBeGreaterThanOrEqual(10);
    console.log(`platform trouble: ${fake.refused.length} sends refused/hung/reset, ${rows.length} rows all delivered, ${extra.length} duplicate (slow answer past the timeout)`);
  }, 60_000);
});
