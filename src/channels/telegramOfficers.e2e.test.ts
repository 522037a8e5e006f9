/**
 * Officers and people on Telegram end to end: the real app, the real grammY and the real pacing,
 * talking HTTP to the fake Bot API on 127.0.0.1 (which answers 429 above the enforced limits).
 */
import { addOfficer } from '../domain/officers/accounts.js';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { Lang } from '../core/types.js';
import { caseByRef, caseEvents } from '../domain/cases/cases.js';
import { silentLogger } from '../logger.js';
import { telegramPacing } from '../outbox/pacing.js';
import { seedContacts } from '../testing/broadcastFixtures.js';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { channelsFromConfig } from './fromConfig.js';
import { displayCode } from '../domain/broadcasts/verifyCode.js';
import { telegramSay, until as waitUntil } from '../testing/telegramChat.js';

const OFFICER = 2002;
const WORKER = 3003;
/** Telegram's documented overall limit, enforced by the fake: the app must never cross it. */
const TELEGRAM_OVERALL_PER_SECOND = 30;
/** Per-chat limit the fake enforces; the app's per-chat gap is shortened below it to keep turns quick. */
const FAKE_PER_CHAT_PER_SECOND = 20;
const TEST_PER_CHAT_GAP_MS = 100;
const TURN_TIMEOUT_MS = 5000;

let fake: FakeTelegram;
const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await fake?.close();
});

/** The app as `npm start` builds it from config, with Telegram's overall pacing and a shorter per-chat gap. */
async function startBot(): Promise<App> {
  fake = await FakeTelegram.start();
  fake.enforceRateLimit({ overallPerSecond: TELEGRAM_OVERALL_PER_SECOND, perChatPerSecond: FAKE_PER_CHAT_PER_SECOND, retryAfter: 1 });
  const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, OFFICER_TELEGRAM_IDS: String(OFFICER) });
  const pacing = { ...telegramPacing(config.OUTBOX_TELEGRAM_PER_SECOND), perChatGapMs: TEST_PER_CHAT_GAP_MS };
  const app = createTestApp({ config, channels: await channelsFromConfig(config, silentLogger), pacing: { telegram: pacing } });
  apps.push(app);
  await app.start();
  return app;
}

const until = (cond: () => boolean, what: string, timeoutMs = TURN_TIMEOUT_MS) => waitUntil(cond, what, timeoutMs);
const say = (app: App, chat: number, text: string) => telegramSay(fake, app, chat, text, TURN_TIMEOUT_MS);

/** Greets, picks a language and answers the announcements question. */
async function begin(app: App, chat: number, lang: Lang, subscribe: boolean): Promise<void> {
  await say(app, chat, 'halo');
  await say(app, chat, { id: '1', en: '2', jv: '3' }[lang]);
  await say(app, chat, subscribe ? '1' : '2');
}

/** A translation as Telegram shows it (*bold* marks become formatting entities). */
function seen(app: App, lang: Lang, key: string, vars?: Record<string, string>): string {
  return app.translator.t(lang, key, vars).replace(/\*([^*\n]+)\*/g, '$1');
}

describe('complaints by Telegram', () => {
  it('a worker reports in Javanese, the officer is alerted on Telegram, and /reply and /status reach the worker in Javanese', async () => {
    const app = await startBot();
    await begin(app, OFFICER, 'en', false);
    await begin(app, WORKER, 'jv', false);

    const answers = ['1', '1', '1', '1', '1', 'Kowloon', 'Siti Aminah', '-', 'Bayaran kula dereng dipunbayar kalih wulan.', 'sampun', '-', '1'];
    for (const a of answers) await say(app, WORKER, a);
    const officerBefore = fake.textsTo(OFFICER).length;
    const created = (await say(app, WORKER, '1')).join('\n');
    const ref = /([A-Z]{2,6}-\d{4}-\d{4,})/.exec(created)?.[1];
    expect(ref).toBe('BWI-2611-0001');
    expect(created).toMatch(/PIN: \d{6}/);

    await until(() => fake.textsTo(OFFICER).length > officerBefore, 'the officer alert');
    expect(fake.textsTo(OFFICER).slice(officerBefore).join('\n')).toContain(`New report ${ref}: Wages not paid, Hong Kong. Reported by: the worker.`);

    const workerBefore = fake.textsTo(WORKER).length;
    expect((await say(app, OFFICER, `/reply ${ref} We have called your agency. Please keep your payslips.`))[0]).toBe(`Sent to the reporter of ${ref}.`);
    expect((await say(app, OFFICER, `/status ${ref} in_progress Agency contacted`))[0]).toBe(`${ref} is now: in progress. The reporter has been told.`);
    await until(() => fake.textsTo(WORKER).length >= workerBefore + 2, 'both messages to the worker');
    expect(fake.textsTo(WORKER).slice(workerBefore)).toEqual([
      `${seen(app, 'jv', 'case.officerReplied', { ref: ref! })}\nWe have called your agency. Please keep your payslips.\n${seen(app, 'jv', 'case.howToAnswer')}`,
      `Kabar laporan panjenengan ${ref}: saweg dipuntangani petugas.\nCathetan saking petugas:\nAgency contacted`,
    ]);
    expect(caseEvents(app.db, caseByRef(app.db, ref!)!.id).map((e) => e.kind)).toEqual(['created', 'message_out', 'status']);
    expect(fake.refused).toEqual([]);
  });
});

describe('broadcasts by Telegram', () => {
  it('an officer composes /broadcast; subscribers get it in their own language with the stop footer, within the limits; others are refused', async () => {
    const app = await startBot();
    await begin(app, OFFICER, 'id', false);
    // A broadcast to everyone is an admin's: this officer chat is linked to an admin account.
    await addOfficer(app.db, { username: 'ana', password: 'correct horse battery staple', role: 'admin', chat: `telegram:${OFFICER}` }, Date.now());
    const people: [number, Lang][] = [
      [4001, 'id'],
      [4002, 'en'],
      [4003, 'jv'],
    ];
    for (const [chat, lang] of people) await begin(app, chat, lang, true);
    const notSubscribed = 4004;
    await begin(app, notSubscribed, 'en', false);
    // More subscribers (numeric Telegram chat ids), so the broadcast has to respect the overall limit.
    const crowd = seedContacts(app, 60, { chatId: '5', language: 'en' });

    const refused = await say(app, notSubscribed, '/broadcast');
    expect(refused[0]).toBe(seen(app, 'en', 'common.notAllowed'));
    expect(app.db.prepare('SELECT COUNT(*) FROM broadcasts').pluck().get()).toBe(0);

    for (const t of ['/broadcast', '1', 'Silaturahmi online hari Minggu jam 14.00 WIB.', 'Online gathering on Sunday at 14:00 WIB.', 'Silaturahmi online dinten Minggu jam 14.00 WIB.', '1']) {
      await say(app, OFFICER, t);
    }
    const preview = (await say(app, OFFICER, 'sekarang')).join('\n');
    expect(preview).toContain(`Jumlah penerima saat ini: ${people.length + crowd.length}`);
    const t0 = Date.now();
    expect((await say(app, OFFICER, '1'))[0]).toContain(`masuk antrean untuk ${people.length + crowd.length} penerima.`);

    const news = (chat: number | string) => fake.textsTo(chat).filter((t) => t.includes('14') && t.includes('WIB'));
    await until(() => [...people.map(([c]) => c), ...crowd].every((c) => news(c).length === 1), 'the broadcast to everyone', 10_000);
    const seconds = (Date.now() - t0) / 1000;
    const texts = { id: 'Silaturahmi online hari Minggu jam 14.00 WIB.', en: 'Online gathering on Sunday at 14:00 WIB.', jv: 'Silaturahmi online dinten Minggu jam 14.00 WIB.' };
    // Every announcement carries its check code line (verifiable announcements).
    const code = displayCode(app.db.prepare('SELECT verify_code FROM broadcasts ORDER BY id DESC LIMIT 1').pluck().get() as string);
    for (const [chat, lang] of people) {
      expect(news(chat)[0]).toBe(
        `${seen(app, lang, 'broadcast.header', { region: 'Banyuwangi' })}\n\n${texts[lang]}\n\n${seen(app, lang, 'verify.line', { code })}\n${seen(app, lang, 'broadcast.footer')}`,
      );
    }
    expect(news(notSubscribed)).toEqual([]);
    expect(fake.refused).toEqual([]);
    // 63 messages at Telegram's 30/s less the safety margin take at least two seconds.
    expect(seconds).toBeGreaterThan(2);
    console.info(`broadcast to ${people.length + crowd.length} Telegram chats in ${seconds.toFixed(2)} s, 0 refused`);
  });
});
