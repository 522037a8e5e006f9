/**
 * Safe-time delivery end to end on Telegram: the real app and grammY against the fake Bot API,
 * with a manual clock. A worker in Hong Kong asks for "late night" only; the officer's /reply
 * waits in the outbox and reaches the worker when the clock passes 21:00 Hong Kong time.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { channelsFromConfig } from '../../channels/fromConfig.js';
import { silentLogger } from '../../logger.js';
import { telegramPacing } from '../../outbox/pacing.js';
import { FakeTelegram } from '../../testing/fakeTelegram.js';
import { createTestApp, testConfig } from '../../testing/harness.js';

const OFFICER = 2002;
const WORKER = 3003;
const TURN_TIMEOUT_MS = 5000;
const HOUR = 3_600_000;

let fake: FakeTelegram;
let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
  await fake?.close();
});

async function until(cond: () => boolean, what: string, timeoutMs = TURN_TIMEOUT_MS): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

const handled = () => app.db.prepare("SELECT COUNT(*) FROM inbound_seen WHERE channel = 'telegram'").pluck().get() as number;

/** A person types; resolves once the turn is handled and everything due for anyone went out. */
async function say(chat: number, text: string): Promise<string[]> {
  const before = fake.textsTo(chat).length;
  const seen = handled();
  fake.userSays(chat, text);
  await until(() => handled() > seen, `the turn for "${text}"`);
  expect(await app.drain()).toBe(true);
  await until(() => fake.textsTo(chat).length > before, `the answer to "${text}"`);
  return fake.textsTo(chat).slice(before);
}

describe('safe-time delivery on Telegram', () => {
  it('holds the officer’s reply until 21:00 in Hong Kong, then delivers it when the clock gets there', { timeout: 30_000 }, async () => {
    fake = await FakeTelegram.start();
    const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, OFFICER_TELEGRAM_IDS: String(OFFICER) });
    // Telegram's 1 message/s per chat is shortened to keep the walk quick. Clock: Fri 03:00 UTC = 11:00 Hong Kong.
    const pacing = { ...telegramPacing(config.OUTBOX_TELEGRAM_PER_SECOND), perChatGapMs: 20 };
    app = createTestApp({ config, channels: await channelsFromConfig(config, silentLogger), pacing: { telegram: pacing } });
    await app.start();
    for (const t of ['halo', '2', '2']) await say(OFFICER, t);
    for (const t of ['halo', '1', '2']) await say(WORKER, t);
    for (const t of ['1', '1', '1', '1', '1', 'Kowloon', 'Siti', '-', 'Gaji saya belum dibayar tiga bulan.', 'selesai', '-', '2']) await say(WORKER, t);
    const summary = await say(WORKER, '4'); // late night, 21:00–24:00
    expect(summary[0]).toContain('hanya pada: Malam, 21.00–24.00 (waktu Hong Kong)');
    await say(WORKER, '1');
    const ref = app.db.prepare('SELECT ref FROM cases').pluck().get() as string;

    const officerSaw = await say(OFFICER, `/reply ${ref} Apakah Anda aman sekarang?`);
    expect(officerSaw[0]).toContain('will be delivered at 21:00 their time (Hong Kong)');
    expect(officerSaw[0]).toContain(`/sendnow ${ref}`);
    const workerBefore = fake.textsTo(WORKER).length;

    // The worker writes meanwhile: answered at once, and the held reply stays held.
    const menu = await say(WORKER, 'menu');
    expect(menu).toHaveLength(1);
    expect(fake.textsTo(WORKER).join('\n')).not.toContain('Apakah Anda aman sekarang?');

    // 20:59 in Hong Kong: still nothing.
    app.manualClock.advance(10 * HOUR - 60_000);
    app.dispatcher.kick('telegram');
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.textsTo(WORKER).slice(workerBefore).join('\n')).not.toContain('Apakah Anda aman sekarang?');

    // 21:00 in Hong Kong: the reply goes out by itself (the dispatcher's idle poll finds it due).
    app.manualClock.advance(60_000);
    await until(() => fake.textsTo(WORKER).some((t) => t.includes('Apakah Anda aman sekarang?')), 'the held reply');
    const row = app.db.prepare("SELECT state, hold_reason FROM outbox WHERE chat_id = ? AND payload LIKE '%aman sekarang%'").get(String(WORKER));
    expect(row).toEqual({ state: 'sent', hold_reason: 'safe_time' });
  });
});
