/**
 * The real app with the real grammY, talking HTTP to a fake Telegram Bot API on 127.0.0.1.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Lang } from '../core/types.js';
import { FakeTelegram, type SentMessage } from '../testing/fakeTelegram.js';
import { createTestApp, tempDataDir, testConfig } from '../testing/harness.js';
import { channelsFromConfig } from './fromConfig.js';
import { silentLogger } from '../logger.js';
import type { TelegramChannel } from './telegram.js';

const USER = 1001;
const SECRET = 'webhook-Secret_123';

let fake: FakeTelegram;
const apps: App[] = [];

afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await fake?.close();
});

/** Starts the app as `npm start` would build it from config (fromConfig), on the fake. */
async function startBot(env: Record<string, string> = {}, opts: { http?: boolean } = {}) {
  const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, ...env });
  const channels = await channelsFromConfig(config, silentLogger);
  const app = createTestApp({ config, channels, http: opts.http ?? false });
  apps.push(app);
  await app.start();
  return { app, channel: channels.find((c) => c.name === 'telegram') as TelegramChannel };
}

/** The translated text as the user sees it on Telegram (*bold* marks become formatting). */
function seen(app: App, lang: Lang, key: string, vars?: Record<string, string>): string {
  return app.translator.t(lang, key, vars).replace(/\*([^*\n]+)\*/g, '$1');
}

/** Waits until the user has received `n` messages in total; returns them. */
async function received(n: number, chat: number = USER): Promise<SentMessage[]> {
  await fake.waitForSent((s) => s.filter((m) => m.chatId === String(chat)).length >= n);
  return fake.sent.filter((m) => m.chatId === String(chat));
}

function buttons(m: SentMessage): { text: string; data?: string }[] {
  return (m.replyMarkup?.inline_keyboard ?? []).flat().map((b) => ({ text: b.text, data: b.callback_data }));
}

function seenCount(app: App): number {
  return app.db.prepare("SELECT COUNT(*) FROM inbound_seen WHERE channel = 'telegram'").pluck().get() as number;
}

describe('Telegram channel (long polling)', () => {
  it.each([
    ['id', '1'],
    ['en', '2'],
    ['jv', '3'],
  ] as const)('a %s speaker walks the menu by tapping and by typing', async (lang, langKey) => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();

    fake.userSays(USER, 'halo');
    let got = await received(1);
    expect(got[0].text).toContain('Pilih bahasa / Choose a language / Pilih basa:');
    expect(buttons(got[0]).map((b) => b.data)).toEqual(['1', '2', '3']);

    const tap = fake.userTaps(USER, langKey);
    got = await received(3);
    expect(got[1].text).toBe(seen(app, lang, 'common.languageSet'));
    expect(got[1].entities).toEqual([expect.objectContaining({ type: 'bold' })]); // *language* is bold
    // A new contact is asked once about announcements; declining by tap leads to the menu.
    expect(got[2].text).toContain(seen(app, lang, 'broadcast.askSubscribe'));
    expect(buttons(got[2]).map((b) => b.data)).toEqual(['1', '2']);
    fake.userTaps(USER, '2');
    got = await received(5);
    expect(got[4].text).toContain(seen(app, lang, 'menu.title', { region: 'Banyuwangi' }));
    const menuButtons = buttons(got[4]);
    expect(menuButtons).toHaveLength(8);
    expect(menuButtons[5]).toEqual({ text: `6. ${seen(app, lang, 'menu.safety')}`, data: '6' });
    await fake.waitForSent(() => fake.answeredCallbacks.includes(tap.callback_query!.id));

    // Typing the number does what tapping does.
    fake.userSays(USER, '6');
    got = await received(6);
    expect(got[5].text).toContain(seen(app, lang, 'safety.title'));
    expect(buttons(got[5]).map((b) => b.data)).toEqual(['1', '2', '3', '4', '5', '6', '7', '0']);

    fake.userTaps(USER, '2');
    got = await received(8);
    expect(got[6].text).toBe(seen(app, lang, 'safety.illegalSignsText'));
    expect(got[7].text).toContain(seen(app, lang, 'menu.title', { region: 'Banyuwangi' }));
    expect(fake.answeredCallbacks).toHaveLength(3);
  });

  it('answers an update delivered twice only once', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();
    const first = fake.userSays(USER, 'halo');
    await received(1);
    fake.redeliver(first);
    fake.userSays(USER, '2');
    await received(3);
    await app.drain();
    expect(fake.textsTo(USER)).toHaveLength(3); // chooser, "continuing in English", announcements question: no second chooser
    expect(fake.textsTo(USER)[1]).toBe(seen(app, 'en', 'common.languageSet'));
  });

  it('honours a 429 retry_after: the message is not sent again before it', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();
    fake.failNextSends(1, { code: 429, retryAfter: 30 });
    fake.userSays(USER, 'halo');
    await fake.waitForSent(() => fake.refused.length === 1);
    await new Promise((r) => setTimeout(r, 700)); // several dispatcher rounds
    expect(fake.refused).toHaveLength(1);
    expect(fake.sent).toHaveLength(0);
    const row = app.db.prepare("SELECT state, next_attempt_at, last_error FROM outbox WHERE chat_id = ?").get(String(USER)) as {
      state: string;
      next_attempt_at: number;
      last_error: string;
    };
    expect(row.state).toBe('pending');
    expect(row.next_attempt_at).toBe(app.clock.now() + 30_000);
    expect(row.last_error).toContain('429');

    app.manualClock.advance(29_000);
    await new Promise((r) => setTimeout(r, 400));
    expect(fake.sent).toHaveLength(0);
    app.manualClock.advance(1_000);
    const got = await received(1);
    expect(got[0].text).toContain('Pilih bahasa');
  });

  it('retries a 500 and delivers; a 400 fails for good with its error kept', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();
    fake.failNextSends(1, { code: 500 });
    fake.userSays(USER, 'halo');
    await fake.waitForSent(() => fake.refused.length === 1);
    app.manualClock.advance(5_000); // past the first backoff
    await received(1);

    fake.failNextSends(1, { code: 400 });
    fake.userSays(2002, 'halo');
    await fake.waitForSent(() => fake.refused.length === 2);
    await app.drain();
    const row = app.db.prepare("SELECT state, last_error FROM outbox WHERE chat_id = '2002'").get() as { state: string; last_error: string };
    expect(row).toEqual({ state: 'failed', last_error: 'Telegram sendMessage 400: Bad Request: chat not found' });
  });

  it('stops sending to a chat that blocked the bot (403)', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();
    fake.userSays(USER, 'halo');
    await received(1);
    fake.failNextSends(1, { code: 403 });
    fake.userSays(USER, '2'); // two replies: "continuing in English" and the menu
    await fake.waitForSent(() => fake.refused.length === 1);
    await app.drain();
    const contact = app.contacts.find('telegram', String(USER));
    expect(contact?.unreachableAt).toBe(app.clock.now());
    const states = app.db.prepare('SELECT state FROM outbox WHERE chat_id = ? ORDER BY id').pluck().all(String(USER));
    expect(states).toEqual(['sent', 'failed', 'skipped']);
    expect(fake.textsTo(USER)).toHaveLength(1);
  });

  it('continues the conversation where it was after a restart', async () => {
    fake = await FakeTelegram.start();
    const dataDir = tempDataDir();
    const first = await startBot({ DATA_DIR: dataDir });
    fake.userSays(USER, 'halo');
    await received(1);
    fake.userSays(USER, '2');
    await received(3);
    fake.userSays(USER, '2'); // no announcements
    await received(5);
    fake.userSays(USER, '6'); // the safe-migration menu
    await received(6);
    await first.app.stop();
    // The last handled update was confirmed on stop.
    expect(fake.callsOf('getUpdates').at(-1)).toMatchObject({ limit: 1 });

    const second = await startBot({ DATA_DIR: dataDir });
    fake.userSays(USER, '1');
    const got = await received(8);
    expect(got[6].text).toBe(seen(second.app, 'en', 'safety.beforeLeavingText'));
    expect(got[7].text).toContain(seen(second.app, 'en', 'menu.title', { region: 'Banyuwangi' }));
    await second.app.drain();
    expect(fake.textsTo(USER)).toHaveLength(8); // nothing answered twice
  });

  it('ignores group chatter, answers only commands addressed to the bot', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();
    const GROUP = -100500;
    const chatter = fake.groupSays(GROUP, USER, 'my boss took my passport');
    const other = fake.groupSays(GROUP, USER, '/start@some_other_bot');
    fake.groupSays(GROUP, USER, `/start@${fake.botUsername}`);
    await received(1, GROUP);
    await app.drain();
    expect(fake.textsTo(GROUP)).toHaveLength(1);
    const seenIds = app.db.prepare("SELECT platform_id FROM inbound_seen WHERE channel = 'telegram'").pluck().all();
    expect(seenIds).not.toContain(String(chatter.update_id));
    expect(seenIds).not.toContain(String(other.update_id));
    expect(fake.textsTo(USER)).toEqual([]); // nothing sent privately either
  });

  it('receives a photo as media (downloadable by file_id) and answers with a hint at a menu', async () => {
    fake = await FakeTelegram.start();
    const { app, channel } = await startBot();
    fake.userSays(USER, 'halo');
    await received(1);
    fake.userSays(USER, '2');
    await received(3);
    const bytes = Buffer.from('JPEG evidence bytes');
    const { fileId } = fake.userSendsPhoto(USER, { data: bytes });
    const got = await received(5);
    expect(got[3].text).toBe(seen(app, 'en', 'common.mediaNotHere'));
    const file = await channel.fetchMedia(fileId);
    expect(file).toEqual({ data: bytes, mime: 'image/jpeg' });
  });

  it('tells a user that edits are not processed', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot();
    fake.userSays(USER, 'halo');
    await received(1);
    fake.userSays(USER, '2');
    await received(3);
    fake.userEdits(USER, 1, '3');
    const got = await received(4);
    expect(got[3].text).toBe(seen(app, 'en', 'common.editIgnored'));
    expect(app.contacts.find('telegram', String(USER))?.language).toBe('en');
  });

  it('says degraded with the reason when the token is rejected', async () => {
    fake = await FakeTelegram.start();
    fake.unauthorized = true;
    const { channel } = await startBot();
    expect(channel.health()).toEqual({
      state: 'degraded',
      detail: 'Telegram rejected the bot token (401): check TELEGRAM_BOT_TOKEN with @BotFather',
    });
    fake.unauthorized = false;
    await new Promise((r) => setTimeout(r, 1500)); // the next reconnect attempt
    expect(channel.health()).toEqual({ state: 'up', detail: 'long polling' });
  });

  it('sends a reply before a long queued broadcast (500 rows)', async () => {
    fake = await FakeTelegram.start();
    const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const channels = await channelsFromConfig(config, silentLogger);
    const app = createTestApp({ config, channels });
    apps.push(app);
    const insert = app.db.transaction(() => {
      for (let i = 0; i < 500; i++) {
        app.outbox.enqueue({ channel: 'telegram', chatId: String(50_000 + i), contactId: null, payload: { text: `Announcement ${i}` }, priority: 2 }, app.clock.now());
      }
    });
    insert();
    await app.start();
    await fake.waitForSent((s) => s.length >= 20);
    const before = fake.sent.length;
    const t0 = Date.now();
    fake.userSays(USER, 'halo');
    const [reply] = await received(1);
    const position = fake.sent.indexOf(reply) - before;
    const ms = Date.now() - t0;
    // Only the sends already in flight or paced before the reply was committed may go first.
    expect(position).toBeLessThanOrEqual(5);
    expect(ms).toBeLessThan(1000);
    const remaining = app.db.prepare("SELECT COUNT(*) FROM outbox WHERE priority = 2 AND state = 'pending'").pluck().get() as number;
    expect(remaining).toBeGreaterThan(400);
    console.info(`reply went out ${position} sends / ${ms} ms after arriving behind ${500 - before} queued broadcast rows`);
  });
});

describe('Telegram pacing against an enforced rate limit', () => {
  it('sends a 90-message broadcast at 30/s without a single 429', async () => {
    fake = await FakeTelegram.start();
    fake.enforceRateLimit({ overallPerSecond: 30, retryAfter: 1 });
    const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot });
    const app = createTestApp({ config, channels: await channelsFromConfig(config, silentLogger) });
    apps.push(app);
    app.db.transaction(() => {
      for (let i = 0; i < 90; i++) {
        app.outbox.enqueue({ channel: 'telegram', chatId: String(60_000 + i), contactId: null, payload: { text: `News ${i}` }, priority: 2 }, app.clock.now());
      }
    })();
    const t0 = Date.now();
    await app.start();
    await fake.waitForSent((s) => s.length + fake.refused.length >= 90, 10_000);
    const seconds = (Date.now() - t0) / 1000;
    expect(fake.refused).toEqual([]);
    expect(seconds).toBeGreaterThan(3); // 90 at 27/s (30 less a 10% margin)
    expect(seconds).toBeLessThan(5);
    console.info(`90 broadcast messages in ${seconds.toFixed(2)} s, 0 refused`);
  });
});

describe('Telegram channel (webhook)', () => {
  const env = { PUBLIC_BASE_URL: 'https://helpline.example.org', TELEGRAM_WEBHOOK_SECRET: SECRET };

  function post(app: App, update: unknown, secret?: string): Promise<Response> {
    return fetch(`http://127.0.0.1:${app.port}/webhooks/telegram`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret === undefined ? {} : { 'X-Telegram-Bot-Api-Secret-Token': secret }) },
      body: JSON.stringify(update),
    });
  }

  function textUpdate(updateId: number, text: string) {
    return {
      update_id: updateId,
      message: { message_id: updateId, date: 1_790_000_000, chat: { id: USER, type: 'private', first_name: 'A' }, from: { id: USER, is_bot: false, first_name: 'A', language_code: 'en' }, text },
    };
  }

  it('registers the webhook with its secret, and processes only calls carrying it', async () => {
    fake = await FakeTelegram.start();
    const { app } = await startBot(env, { http: true });
    expect(fake.webhook).toEqual({ url: 'https://helpline.example.org/webhooks/telegram', secretToken: SECRET });
    expect(fake.callsOf('getUpdates')).toEqual([]);

    expect((await post(app, textUpdate(1, 'halo'))).status).toBe(401);
    expect((await post(app, textUpdate(2, 'halo'), 'wrong-secret')).status).toBe(401);
    const garbage = (secret: string) =>
      fetch(`http://127.0.0.1:${app.port}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'X-Telegram-Bot-Api-Secret-Token': secret },
        body: '{not json',
      });
    expect((await garbage('wrong')).status).toBe(401); // the secret is checked before the body
    expect((await garbage(SECRET)).status).toBe(400);
    expect(seenCount(app)).toBe(0);
    expect(fake.sent).toEqual([]);

    const ok = await post(app, textUpdate(3, 'halo'), SECRET);
    expect(ok.status).toBe(200);
    await received(1);
    expect(seenCount(app)).toBe(1);

    // The same update again (Telegram retrying) is acknowledged but not answered twice.
    expect((await post(app, textUpdate(3, 'halo'), SECRET)).status).toBe(200);
    expect((await post(app, textUpdate(4, '2'), SECRET)).status).toBe(200);
    await received(3);
    await app.drain();
    expect(fake.textsTo(USER)).toHaveLength(3);
    expect(fake.textsTo(USER)[1]).toBe(seen(app, 'en', 'common.languageSet'));

    // A tap through the webhook is answered too.
    const tap = {
      update_id: 5,
      callback_query: { id: 'cb-5', from: { id: USER, is_bot: false, first_name: 'A' }, chat_instance: 'x', data: '2', message: { message_id: 9, date: 1_790_000_000, chat: { id: USER, type: 'private', first_name: 'A' }, text: 'menu' } },
    };
    expect((await post(app, tap, SECRET)).status).toBe(200);
    // (It declines the one-time announcements question, which leads to the main menu.)
    const got = await received(5);
    expect(got[4].text).toContain(seen(app, 'en', 'menu.title', { region: 'Banyuwangi' }));
    expect(fake.answeredCallbacks).toContain('cb-5');

    const health = (await (await fetch(`http://127.0.0.1:${app.port}/api/health`)).json()) as { channels: Record<string, unknown> };
    expect(health.channels.telegram).toEqual({ state: 'up', detail: 'webhook' });
  });

  it('answers 503 (Telegram retries) once the bot is stopping, without processing', async () => {
    fake = await FakeTelegram.start();
    const { app, channel } = await startBot(env, { http: true });
    await channel.stop();
    expect((await post(app, textUpdate(7, 'halo'), SECRET)).status).toBe(503);
    expect(seenCount(app)).toBe(0);
  });
});
