/**
 * The urgent path, case threads and honest alerts end to end on Telegram: the real app and the
 * real grammY talking HTTP to the fake Bot API on 127.0.0.1. Officer chats that never started the
 * bot answer 403 there, as on Telegram.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Lang } from '../core/types.js';
import { caseByRef, caseEvents } from '../domain/cases/cases.js';
import { officerChats } from '../domain/officers/reach.js';
import { silentLogger } from '../logger.js';
import { telegramPacing } from '../outbox/pacing.js';
import { featuresWithEntries } from '../testing/cases.js';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { channelsFromConfig } from './fromConfig.js';
import { telegramSay, until as waitUntil } from '../testing/telegramChat.js';

const OFFICER = 2002;
const SILENT_OFFICER = 2003;
const WORKER = 3003;
const TEST_PER_CHAT_GAP_MS = 100;
const TURN_TIMEOUT_MS = 5000;

let fake: FakeTelegram;
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await fake?.close();
});

/** The app as `npm start` builds it, with HTTP on a free port; officer chats in `notStarted` never pressed Start. */
async function startBot(opts: { officers: number[]; notStarted?: number[]; entries?: boolean }): Promise<App> {
  fake = await FakeTelegram.start();
  for (const chat of opts.notStarted ?? []) fake.notStarted.add(String(chat));
  const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, OFFICER_TELEGRAM_IDS: opts.officers.join(',') });
  const pacing = { ...telegramPacing(config.OUTBOX_TELEGRAM_PER_SECOND), perChatGapMs: TEST_PER_CHAT_GAP_MS };
  const app = createTestApp({
    config,
    http: true,
    channels: await channelsFromConfig(config, silentLogger),
    pacing: { telegram: pacing },
    ...(opts.entries ? { features: featuresWithEntries() } : {}),
  });
  apps.push(app);
  await app.start();
  await app.startedTasks();
  return app;
}

const until = (cond: () => boolean, what: string, timeoutMs = TURN_TIMEOUT_MS) => waitUntil(cond, what, timeoutMs);
const say = (app: App, chat: number, text: string) => telegramSay(fake, app, chat, text, TURN_TIMEOUT_MS);

async function begin(app: App, chat: number, lang: Lang): Promise<void> {
  await say(app, chat, 'halo');
  await say(app, chat, { id: '1', en: '2', jv: '3' }[lang]);
  await say(app, chat, '2');
}

/** Waits for new messages to a chat after `before` and returns them joined. */
async function newTo(chat: number, before: number, what: string): Promise<string> {
  await until(() => fake.textsTo(chat).length > before, what);
  return fake.textsTo(chat).slice(before).join('\n');
}

async function health(app: App): Promise<{ status: string; officers: { configured: number; reachable: number } }> {
  return (await (await fetch(`http://127.0.0.1:${app.port}/api/health`)).json()) as { status: string; officers: { configured: number; reachable: number } };
}

const refOf = (text: string) => /\b([A-Z]{2,6}-\d{4}-\d{4,})\b/.exec(text)?.[1];

describe('honest alerts on Telegram', () => {
  it('/api/health counts the configured officer chats and those that can receive alerts (one never started the bot)', async () => {
    const app = await startBot({ officers: [OFFICER, SILENT_OFFICER], notStarted: [SILENT_OFFICER] });
    const body = await health(app);
    expect(body.officers).toEqual({ configured: 2, reachable: 1 });
    expect(body.status).toBe('ok');
    // The probe was invisible (getChat), and the silent chat is known as "never started".
    expect(fake.sent.filter((m) => m.chatId === String(OFFICER))).toEqual([]);
    expect(fake.callsOf('getChat').map((p) => String(p.chat_id)).sort()).toEqual([String(OFFICER), String(SILENT_OFFICER)]);
    expect(officerChats(app.db, app.config, app.channels.keys(), app.clock.now()).find((c) => c.chatId === String(SILENT_OFFICER))).toMatchObject({
      reach: 'unreachable',
      reason: 'not_started',
      detail: 'Bad Request: chat not found',
    });

    // When the silent officer finally presses Start, the count follows.
    await say(app, SILENT_OFFICER, '/start');
    expect((await health(app)).officers).toEqual({ configured: 2, reachable: 2 });
  });

  it('with no reachable officer chat, health is degraded and a person typing sos is told nobody is on duty', async () => {
    const app = await startBot({ officers: [OFFICER], notStarted: [OFFICER] });
    expect(await health(app)).toMatchObject({ status: 'degraded', officers: { configured: 1, reachable: 0 } });
    await begin(app, WORKER, 'en');
    const texts = (await say(app, WORKER, 'sos')).join('\n');
    expect(texts).toContain('No officer is on duty right now');
    expect(texts).not.toContain('Our officers have been alerted');
    expect(texts).toContain('0800-1000');
    expect(refOf(texts)).toMatch(/^BWI-/);
  });
});

describe('the urgent path on Telegram', () => {
  it('sos as a first message: the officer is alerted with the reference, /reply reaches the worker, and the free-text answer reaches the officer', async () => {
    const app = await startBot({ officers: [OFFICER] });
    // A configured officer who never wrote is alerted: the chat is known from start-up.
    const first = (await say(app, WORKER, 'sos')).join('\n');
    const ref = refOf(first) as string;
    expect(ref).toBe('BWI-2611-0001');
    expect(first).toContain('Petugas kami sudah diberi tahu');
    const alert = await newTo(OFFICER, 0, 'the officer alert');
    expect(alert).toContain(`Darurat ${ref}: seseorang mengetik kata darurat`);
    expect(alert).toContain(`/reply ${ref}`);

    await begin(app, OFFICER, 'en');
    expect((await say(app, OFFICER, `/reply ${ref} Are you safe now? Where are you?`))[0]).toBe(`Sent to the reporter of ${ref}.`);
    await until(() => fake.textsTo(WORKER).some((t) => t.includes('Are you safe now?')), 'the reply to the worker');

    const officerBefore = fake.textsTo(OFFICER).length;
    const ack = await say(app, WORKER, 'Saya di kamar, majikan sedang pergi');
    expect(ack).toEqual([`✓ Terkirim ke petugas yang menangani ${ref}. Anda bisa menulis lagi di sini, atau ketik menu untuk menu utama.`]);
    expect(await newTo(OFFICER, officerBefore, 'the answer in the officer chat')).toContain(`${ref}:\nSaya di kamar, majikan sedang pergi`);
    const c = caseByRef(app.db, ref)!;
    expect(caseEvents(app.db, c.id).map((e) => e.kind)).toEqual(['created', 'urgent', 'message_out', 'message_in']);
    expect(fake.refused).toEqual([]);
  });

  it('words of danger entering the urgent path alert the officer with the reference and the words', async () => {
    const app = await startBot({ officers: [OFFICER], entries: true });
    await begin(app, OFFICER, 'en');
    await begin(app, WORKER, 'jv');
    await say(app, WORKER, '/dangertest');
    const before = fake.textsTo(OFFICER).length;
    const texts = (await say(app, WORKER, 'kula digebugi majikan, ajrih')).join('\n');
    const ref = refOf(texts) as string;
    expect(texts).toContain('Petugas kula sampun dipunparingi pirsa');
    const alert = await newTo(OFFICER, before, 'the officer alert');
    expect(alert).toContain(`Emergency ${ref}: someone wrote words of danger`);
    expect(alert).toContain('“kula digebugi majikan, ajrih”');
  });
});
