/**
 * Disk and database trouble: the database locked by another process, and a full disk (SQLite's
 * max_page_count on the bot's connection gives SQLITE_FULL exactly as a full filesystem does).
 * Within busy_timeout a turn waits and succeeds; beyond it, or with the disk full, the user is told
 * (directly, in their language) that the message cannot be taken now, the platform is NOT acked,
 * and the same message is handled once the database recovers.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { TelegramChannel } from '../channels/telegram.js';
import { WhatsAppCloudChannel } from '../channels/whatsappCloud.js';
import { StorageUnavailableError } from '../core/errors.js';
import { FakeGraph, postWebhook, waText, webhookPayload } from '../testing/fakeGraph.js';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { holdWriteLock } from '../testing/dbLock.js';
import { RecordingChannel, TestUser, createTestApp, testConfig } from '../testing/harness.js';
import { memoryLog } from '../testing/memoryLog.js';

const apps: App[] = [];
let fake: FakeTelegram | undefined;
let graph: FakeGraph | undefined;
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await fake?.close();
  await graph?.close();
  fake = graph = undefined;
});

function seenCount(app: App, channel: string): number {
  return app.db.prepare('SELECT COUNT(*) FROM inbound_seen WHERE channel = ?').pluck().get(channel) as number;
}

/** Fills the database up to a page limit on the bot's connection: SQLITE_FULL from now on. */
function fillDisk(app: App): void {
  app.db.exec('CREATE TABLE IF NOT EXISTS filler (x BLOB)');
  const pages = app.db.pragma('page_count', { simple: true }) as number;
  app.db.pragma(`max_page_count = ${pages + 2}`);
  const put = app.db.prepare('INSERT INTO filler (x) VALUES (zeroblob(1000))');
  try {
    for (let i = 0; i < 10_000; i++) put.run();
  } catch (err) {
    expect((err as { code?: string }).code).toBe('SQLITE_FULL');
    return;
  }
  throw new Error('the page limit never filled the database');
}

function freeDisk(app: App): void {
  app.db.pragma('max_page_count = 1073741823');
}

describe('database locked by another process', () => {
  it('within busy_timeout the turn waits for the lock and succeeds', async () => {
    const channel = new RecordingChannel('telegram');
    const app = createTestApp({ env: { DB_BUSY_TIMEOUT_MS: '4000' }, channels: [channel] });
    apps.push(app);
    await app.start();
    const u = new TestUser(app, '501', 'telegram');
    await u.start('en');
    u.replies();

    const lock = await holdWriteLock(app.config.DB_PATH, 600);
    const t0 = Date.now();
    const result = await u.send('menu');
    const waited = Date.now() - t0;
    await lock.released;
    expect(result).toBe('handled');
    expect(waited).toBeGreaterThanOrEqual(300);
    expect(u.replies()[0]).toContain(app.translator.t('en', 'menu.title').slice(0, 20));
  });

  it('beyond busy_timeout the user is told in their language, nothing is saved or acked, and the same message works after the lock is gone', async () => {
    const mem = memoryLog('info');
    const channel = new RecordingChannel('telegram');
    const app = createTestApp({ env: { DB_BUSY_TIMEOUT_MS: '150' }, channels: [channel], log: mem.log });
    apps.push(app);
    await app.start();
    const u = new TestUser(app, '502', 'telegram');
    await u.start('jv');
    u.replies();
    const seenBefore = seenCount(app, 'telegram');
    await app.drain();
    const deliveredBefore = channel.textsTo('502').length;

    const lock = await holdWriteLock(app.config.DB_PATH, 1500);
    const err = await u.send('menu', { platformId: 'locked-1' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(StorageUnavailableError);
    expect((err as StorageUnavailableError).code).toMatch(/^SQLITE_BUSY/);
    // A second delivery during the lock: refused again, but the notice is not repeated.
    await expect(u.send('menu', { platformId: 'locked-1' })).rejects.toBeInstanceOf(StorageUnavailableError);
    await new Promise((r) => setTimeout(r, 50));
    expect(channel.textsTo('502').slice(deliveredBefore)).toEqual([app.translator.t('jv', 'common.unavailable')]);
    const line = mem.lines().find((l) => String(l.msg).startsWith('database unavailable'));
    expect(line).toMatchObject({ level: 50, code: expect.stringMatching(/^SQLITE_BUSY/) });

    await lock.released;
    expect(await u.send('menu', { platformId: 'locked-1' })).toBe('handled');
    expect(seenCount(app, 'telegram')).toBe(seenBefore + 1);
    expect(u.replies()[0]).toContain(app.translator.t('jv', 'menu.title').slice(0, 20));
  });

  it('Telegram: the update stays unconfirmed while the database is locked and is handled once afterwards', async () => {
    fake = await FakeTelegram.start();
    const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, DB_BUSY_TIMEOUT_MS: '150' });
    const tg = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, pollTimeoutSeconds: 1, storageRetryMinMs: 200, reconnectMinMs: 100 });
    const app = createTestApp({ config, channels: [tg], pacing: { telegram: { perSecond: 100, perChatGapMs: 0, concurrency: 4 } } });
    apps.push(app);
    await app.start();
    fake.userSays(601, 'halo');
    await fake.waitForSent((s) => s.some((m) => m.chatId === '601'));
    await fake.waitForQueueDrained();

    const lock = await holdWriteLock(app.config.DB_PATH, 1500);
    const update = fake.userSays(601, '2');
    // The notice arrives (in the default language: no language chosen yet) while the update is not acked.
    await fake.waitForSent((s) => s.filter((m) => m.chatId === '601').length >= 2);
    expect(fake.textsTo(601)[1]).toBe(app.translator.t('id', 'common.unavailable'));
    expect(fake.confirmed).toBeLessThanOrEqual(update.update_id);
    await lock.released;
    await fake.waitForSent((s) => s.some((m) => m.chatId === '601' && m.text.startsWith('Fine, we will continue in English')), 8000);
    await fake.waitForQueueDrained(5000);
    expect(app.db.prepare("SELECT COUNT(*) FROM inbound_seen WHERE platform_id = ?").pluck().get(String(update.update_id))).toBe(1);
    // Handled exactly once: one "language set" answer, one notice.
    expect(fake.textsTo(601).filter((t) => t.startsWith('Fine, we will continue in English'))).toHaveLength(1);
    expect(fake.textsTo(601).filter((t) => t === app.translator.t('id', 'common.unavailable'))).toHaveLength(1);
  });
});

describe('delivery while the database is locked', () => {
  it('the outbox keeps going: a refused claim is retried and everything is delivered once the lock is gone', async () => {
    const mem = memoryLog('info');
    const channel = new RecordingChannel('telegram');
    const app = createTestApp({ env: { DB_BUSY_TIMEOUT_MS: '50' }, channels: [channel], log: mem.log });
    apps.push(app);
    await app.start();
    const now = app.clock.now();
    for (let i = 0; i < 5; i++) app.outbox.enqueue({ channel: 'telegram', chatId: `70${i}`, contactId: null, payload: { text: `m${i}` } }, now);
    const again = await holdWriteLock(app.config.DB_PATH, 800);
    app.dispatcher.kick('telegram');
    await again.released;
    expect(await app.drain(8000)).toBe(true);
    expect(channel.sent.map((m) => m.msg.text).sort()).toEqual(['m0', 'm1', 'm2', 'm3', 'm4']);
    expect(mem.lines().some((l) => String(l.msg).startsWith('outbox round failed'))).toBe(true);
  });
});

describe('disk full', () => {
  it('the user is told, the log says SQLITE_FULL, and the message is taken once space returns', async () => {
    const mem = memoryLog('info');
    const channel = new RecordingChannel('telegram');
    const app = createTestApp({ channels: [channel], log: mem.log });
    apps.push(app);
    await app.start();
    const u = new TestUser(app, '503', 'telegram');
    await u.start('en');
    u.replies();

    fillDisk(app);
    // Some turns may still fit in half-empty pages; within a few the disk is full for sure.
    let refused: unknown;
    let id = '';
    for (let i = 0; i < 40 && !refused; i++) {
      id = `full-${i}`;
      refused = await u.send('menu', { platformId: id }).then(
        () => undefined,
        (e: unknown) => e,
      );
    }
    expect(refused).toBeInstanceOf(StorageUnavailableError);
    expect((refused as StorageUnavailableError).code).toBe('SQLITE_FULL');
    await new Promise((r) => setTimeout(r, 50));
    expect(channel.textsTo('503').filter((t) => t === app.translator.t('en', 'common.unavailable'))).toHaveLength(1);
    expect(mem.lines().some((l) => l.code === 'SQLITE_FULL' && String(l.msg).includes('NOT taken'))).toBe(true);
    expect(app.db.prepare('SELECT COUNT(*) FROM inbound_seen WHERE platform_id = ?').pluck().get(id)).toBe(0);

    freeDisk(app);
    u.replies();
    expect(await u.send('menu', { platformId: id })).toBe('handled');
    expect(u.replies()[0]).toContain(app.translator.t('en', 'menu.title').slice(0, 20));
  });

  it('WhatsApp Cloud: the webhook answers 5xx while the disk is full (Meta retries) and 200 once it is handled', async () => {
    graph = await new FakeGraph('tok').start();
    const config = testConfig({
      WHATSAPP_CLOUD_TOKEN: 'tok',
      WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1234',
      WHATSAPP_CLOUD_APP_SECRET: 'sec',
      WHATSAPP_CLOUD_VERIFY_TOKEN: 'ver',
      WHATSAPP_CLOUD_API_ROOT: graph.root,
    });
    const app = createTestApp({ config, channels: [new WhatsAppCloudChannel({ config, log: app0Log() })], http: true });
    apps.push(app);
    await app.start();
    const url = `http://127.0.0.1:${app.port}/webhooks/whatsapp`;
    expect(await postWebhook(url, webhookPayload('1234', { messages: [waText('628111', 'halo', 'wamid.A1')] }), 'sec')).toBe(200);
    fillDisk(app);
    let status = 200;
    let n = 0;
    while (status === 200 && n < 40) status = await postWebhook(url, webhookPayload('1234', { messages: [waText('628111', 'menu', `wamid.F${++n}`)] }), 'sec');
    expect(status).toBeGreaterThanOrEqual(500);
    freeDisk(app);
    expect(await postWebhook(url, webhookPayload('1234', { messages: [waText('628111', 'menu', `wamid.F${n}`)] }), 'sec')).toBe(200);
    expect(app.db.prepare('SELECT COUNT(*) FROM inbound_seen WHERE platform_id = ?').pluck().get(`wamid.F${n}`)).toBe(1);
  });
});

function app0Log() {
  return memoryLog('silent').log;
}
