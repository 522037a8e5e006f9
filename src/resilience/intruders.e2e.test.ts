/**
 * Intruders: forged or replayed webhooks, officer commands from ordinary chats, the officer API
 * without the right token (every command and every /api route the features register, enumerated,
 * so new ones are covered automatically), and reading someone else's case. The dashboard's checks
 * (login, CSRF, session fixation, XSS, headers) live with the dashboard.
 */
import { Router as ExpressRouter } from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { TelegramChannel } from '../channels/telegram.js';
import { WhatsAppCloudChannel } from '../channels/whatsappCloud.js';
import { silentLogger } from '../logger.js';
import { casesTestEnv, refAndPin, startUser, tr, typeAll } from '../testing/cases.js';
import { FakeGraph, postWebhook, waText, webhookPayload } from '../testing/fakeGraph.js';
import { FakeTelegram } from '../testing/fakeTelegram.js';
import { createTestApp, testConfig } from '../testing/harness.js';

const apps: App[] = [];
let fake: FakeTelegram | undefined;
let graph: FakeGraph | undefined;
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
  await fake?.close();
  await graph?.close();
  fake = graph = undefined;
});

const seen = (app: App) => app.db.prepare('SELECT COUNT(*) FROM inbound_seen').pluck().get() as number;
const audits = (app: App, action: string) => app.db.prepare('SELECT COUNT(*) FROM audit WHERE action = ?').pluck().get(action) as number;

describe('webhooks', () => {
  it('Telegram: a missing or wrong secret is refused before anything is processed; a replayed update is handled once', async () => {
    fake = await FakeTelegram.start();
    const secret = 'the-Right_secret';
    const config = testConfig({ TELEGRAM_BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, PUBLIC_BASE_URL: 'https://helpline.example.org', TELEGRAM_WEBHOOK_SECRET: secret });
    const tg = new TelegramChannel({ token: fake.token, apiRoot: fake.apiRoot, publicBaseUrl: config.PUBLIC_BASE_URL, webhookSecret: secret, reconnectMinMs: 100 });
    const app = createTestApp({ config, channels: [tg], http: true, pacing: { telegram: { perSecond: 100, perChatGapMs: 0, concurrency: 4 } } });
    apps.push(app);
    await app.start();
    const url = `http://127.0.0.1:${app.port}/webhooks/telegram`;
    const update = { update_id: 900001, message: { message_id: 1, date: 1790000000, chat: { id: 4242, type: 'private', first_name: 'X' }, from: { id: 4242, is_bot: false, first_name: 'X' }, text: 'halo' } };
    const post = (headers: Record<string, string>) =>
      fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(update) }).then((r) => r.status);

    expect(await post({})).toBe(401);
    expect(await post({ 'X-Telegram-Bot-Api-Secret-Token': 'wrong' })).toBe(401);
    expect(await post({ 'X-Telegram-Bot-Api-Secret-Token': `${secret}x` })).toBe(401);
    expect(seen(app)).toBe(0);
    expect(await post({ 'X-Telegram-Bot-Api-Secret-Token': secret })).toBe(200);
    expect(await post({ 'X-Telegram-Bot-Api-Secret-Token': secret })).toBe(200); // Telegram retrying, or a replay
    await app.drain();
    expect(seen(app)).toBe(1);
    expect(fake.textsTo(4242)).toHaveLength(1);
  });

  it('WhatsApp Cloud: a missing or wrong signature is refused; a replayed message id is processed once', async () => {
    graph = await new FakeGraph('tok').start();
    const config = testConfig({ WHATSAPP_CLOUD_TOKEN: 'tok', WHATSAPP_CLOUD_PHONE_NUMBER_ID: '1234', WHATSAPP_CLOUD_APP_SECRET: 'sec', WHATSAPP_CLOUD_VERIFY_TOKEN: 'ver', WHATSAPP_CLOUD_API_ROOT: graph.root });
    const app = createTestApp({ config, channels: [new WhatsAppCloudChannel({ config, log: silentLogger })], http: true });
    apps.push(app);
    await app.start();
    const url = `http://127.0.0.1:${app.port}/webhooks/whatsapp`;
    const payload = webhookPayload('1234', { messages: [waText('628777', 'halo', 'wamid.REPLAY1')] });
    expect(await postWebhook(url, payload, null)).toBe(401);
    expect(await postWebhook(url, payload, 'not-the-secret')).toBe(401);
    expect(await postWebhook(url, payload, 'sec', 'sha256=' + '0'.repeat(64))).toBe(401);
    expect(seen(app)).toBe(0);
    expect(await postWebhook(url, payload, 'sec')).toBe(200);
    expect(await postWebhook(url, payload, 'sec')).toBe(200);
    await app.drain();
    expect(seen(app)).toBe(1);
    expect(graph.to('628777')).toHaveLength(1);
  });
});

describe('officer commands and the officer API', () => {
  it('every officer-only command from an ordinary chat is refused and audited', async () => {
    const app = createTestApp({ env: casesTestEnv });
    apps.push(app);
    const commands = Object.entries(app.built.registry.commands).filter(([, c]) => c.officerOnly).map(([name]) => name);
    expect(commands).toEqual(expect.arrayContaining(['cases', 'case', 'reply', 'status', 'assign', 'gatherings', 'broadcast']));
    for (const lang of ['id', 'en', 'jv'] as const) {
      const u = await startUser(app, lang);
      for (const name of commands) {
        expect({ name, replies: await u.say(`/${name} BWI-2611-0001 hello`) }).toEqual({ name, replies: [tr(app, lang, 'common.notAllowed')] });
      }
    }
    expect(audits(app, 'officer_command_refused')).toBe(commands.length * 3);
    console.log(`intruders: ${commands.length} officer commands x 3 languages refused and audited`);
  });

  it('every /api route registered by a feature refuses a missing or wrong token, and audits it', async () => {
    const app = createTestApp({ env: { ADMIN_API_TOKEN: 'right-token-123-Pz7Kq2Xm9Lv4Rb8Wn3Tc' }, http: true });
    apps.push(app);
    await app.start();
    // Collect the routes exactly as the features register them.
    const probe = ExpressRouter();
    for (const f of app.features) f.api?.(probe, app.services);
    const routes: { method: string; path: string }[] = [];
    for (const layer of probe.stack as { route?: { path: string; methods: Record<string, boolean> } }[]) {
      if (!layer.route) continue;
      for (const [m, on] of Object.entries(layer.route.methods)) if (on && m !== '_all') routes.push({ method: m.toUpperCase(), path: layer.route.path.replace(/:(\w+)/g, 'X') });
    }
    expect(routes.length).toBeGreaterThanOrEqual(8);
    const base = `http://127.0.0.1:${app.port}/api`;
    for (const r of routes) {
      const none = await fetch(`${base}${r.path}`, { method: r.method, headers: { 'content-type': 'application/json' }, body: r.method === 'GET' ? undefined : '{}' });
      const wrong = await fetch(`${base}${r.path}`, { method: r.method, headers: { authorization: 'Bearer right-token-12', 'content-type': 'application/json' }, body: r.method === 'GET' ? undefined : '{}' });
      expect({ ...r, none: none.status, wrong: wrong.status }).toEqual({ ...r, none: 401, wrong: 401 });
    }
    expect(audits(app, 'api_refused')).toBe(routes.length * 2);
    console.log(`intruders: ${routes.length} /api routes x 2 (no token, wrong token) refused and audited`);
    // The right token works (so the refusals above are about the token).
    expect((await fetch(`${base}/cases`, { headers: { authorization: 'Bearer right-token-123-Pz7Kq2Xm9Lv4Rb8Wn3Tc' } })).status).toBe(200);
  });
});

describe("someone else's case", () => {
  it('needs reference and PIN: other paths show nothing, wrong and unknown references look and take the same', async () => {
    const app = createTestApp({ env: casesTestEnv });
    apps.push(app);
    const victim = await startUser(app, 'en');
    await typeAll(victim, ['1', '1', '1', '1', '1', '-', '-', '-', 'My passport is held by the employer.', 'done', '-', '1']);
    const { ref, pin } = refAndPin(await victim.say('1'));
    const wrong = pin === '000000' ? '111111' : '000000';

    const other = await startUser(app, 'en');
    // Check my report without reference and PIN lists only the chat's own cases (none).
    expect((await typeAll(other, ['2'])).join('\n')).not.toContain(ref);
    await other.say('menu');
    expect((await other.say('my data')).join('\n')).not.toContain(ref);
    expect((await other.say(`/case ${ref}`)).join('\n')).not.toContain('passport');

    // Timing and text: an existing reference with a wrong PIN vs a reference that does not exist.
    const SAMPLES = 8;
    const times = { known: [] as number[], unknown: [] as number[] };
    const answers = new Set<string>();
    for (let i = 0; i < SAMPLES * 2; i++) {
      const which = i % 2 === 0 ? 'known' : 'unknown';
      const u = await startUser(app, 'en');
      await typeAll(u, ['2', '1', which === 'known' ? ref : 'BWI-2611-0999']);
      const t0 = process.hrtime.bigint();
      const answer = await u.say(wrong);
      times[which].push(Number(process.hrtime.bigint() - t0) / 1e6);
      answers.add(answer.join('\n'));
    }
    expect(answers.size).toBe(1);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const diff = Math.abs(median(times.known) - median(times.unknown));
    expect(diff).toBeLessThan(Math.max(15, 0.5 * Math.max(median(times.known), median(times.unknown))));
    console.log(`case lookup timing: known ${median(times.known).toFixed(1)} ms, unknown ${median(times.unknown).toFixed(1)} ms (median of ${SAMPLES})`);

    // Guessing is limited per chat: after the limit even the right PIN is refused.
    const guesser = await startUser(app, 'en');
    let locked = false;
    for (let i = 0; i < 10 && !locked; i++) {
      const a = await typeAll(guesser, ['2', '1', ref, String(100000 + i)]);
      locked = a.some((t) => t === tr(app, 'en', 'caseStatus.locked'));
    }
    expect(locked).toBe(true);
    expect((await typeAll(guesser, ['2', '1', ref, pin])).join('\n')).toContain(tr(app, 'en', 'caseStatus.locked'));
  });
});
