/**
 * WhatsApp Cloud templates end to end against the fake Graph API: outside the 24-hour window a
 * case update goes out as the `case_update` template with the reference, the message itself
 * waits and is delivered when the worker answers; 132001 (template missing) is shown to officers
 * and on /api/health; 131047 (re-engagement required) takes the template path.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import type { ManualClock } from '../core/clock.js';
import { createCase } from '../domain/cases/cases.js';
import { createBroadcast } from '../domain/broadcasts/store.js';
import { silentLogger } from '../logger.js';
import { FakeGraph, postWebhook, waText, webhookPayload } from '../testing/fakeGraph.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { WhatsAppCloudChannel } from './whatsappCloud.js';
import { ANSWER_WAIT_MS } from './whatsappCloud/sendOutsideWindow.js';

const PHONE_ID = '109876543210';
const TOKEN = 'test-token';
const SECRET = 'app-secret';
const USER = '6281234567890';
const OFFICER = '6285550001111';
const HOUR = 3_600_000;

let graph: FakeGraph;
let app: App & { manualClock: ManualClock };
let base: string;
let seq = 0;

async function startApp(env: Record<string, string> = {}): Promise<void> {
  const config = testConfig({
    WHATSAPP_CLOUD_TOKEN: TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_CLOUD_APP_SECRET: SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: 'verify',
    WHATSAPP_CLOUD_API_ROOT: graph.root,
    OFFICER_WHATSAPP_NUMBERS: `+${OFFICER}`,
    ...env,
  });
  const channel = new WhatsAppCloudChannel({ config, log: silentLogger });
  // One send at a time, so injected Graph failures hit a known message.
  app = createTestApp({ config, channels: [channel], http: true, pacing: { 'whatsapp-cloud': { perSecond: 1000, perChatGapMs: 0, concurrency: 1 } } });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
}

beforeEach(async () => {
  graph = await new FakeGraph(TOKEN).start();
});

afterEach(async () => {
  await app?.stop();
  await graph.close();
});

async function say(from: string, text: string): Promise<void> {
  expect(await postWebhook(`${base}/webhooks/whatsapp`, webhookPayload(PHONE_ID, { messages: [waText(from, text, `wamid.IN${++seq}`)] }), SECRET)).toBe(200);
  await app.drain();
}

const bodyText = (m: { body: Record<string, unknown> }) => (m.body.text as { body?: string } | undefined)?.body ?? '';

/** A worker (language by menu number) with an open case, and an officer in English who wrote recently. */
async function workerWithCase(langKey = '2'): Promise<string> {
  for (const t of ['halo', langKey, '2']) await say(USER, t);
  const user = app.contacts.find('whatsapp-cloud', USER)!;
  const { ref } = app.db.transaction(() =>
    createCase(app.db, { reporterContactId: user.id, category: 'wages_unpaid', country: 'HK', now: app.clock.now(), config: app.config }),
  )();
  return ref;
}

async function officerReady(): Promise<void> {
  for (const t of ['halo', '2', '2']) await say(OFFICER, t);
}

function outboxFor(chat: string) {
  return app.db.prepare('SELECT state, hold_reason, last_error, payload FROM outbox WHERE chat_id = ? ORDER BY id').all(chat) as { state: string; hold_reason: string | null; last_error: string | null; payload: string }[];
}

describe('case updates outside the 24-hour window', () => {
  it('go out as the case_update template with the reference; the reply waits and is delivered when the worker answers', async () => {
    await startApp();
    const ref = await workerWithCase('2');
    app.manualClock.advance(25 * HOUR);
    await officerReady();
    const before = graph.to(USER).length;

    const officerBefore = graph.to(OFFICER).length;
    await say(OFFICER, `/reply ${ref} We called your agency; they will pay on Friday.`);
    expect(bodyText(graph.to(OFFICER)[officerBefore])).toContain('They have not written on WhatsApp for over 24 hours: they get a short notice');
    const sent = graph.to(USER).slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0].type).toBe('template');
    expect(sent[0].body).toEqual({
      messaging_product: 'whatsapp',
      recipient_type: 'individual',
      to: USER,
      type: 'template',
      template: { name: 'case_update', language: { code: 'en', policy: 'deterministic' }, components: [{ type: 'body', parameters: [{ type: 'text', text: ref }] }] },
    });
    const held = outboxFor(USER).at(-1)!;
    expect(held).toMatchObject({ state: 'pending', hold_reason: 'reply_window' });
    expect(held.last_error).toContain('template case_update (en) sent');

    // A status change while waiting joins the wait: no second template.
    await say(OFFICER, `/status ${ref} in_progress`);
    expect(graph.to(USER).slice(before)).toHaveLength(1);
    expect(outboxFor(USER).filter((r) => r.hold_reason === 'reply_window')).toHaveLength(2);

    // The worker answers the template: the held messages come first, then the answer to "hi".
    await say(USER, 'hi');
    const after = graph.to(USER).slice(before + 1);
    expect(bodyText(after[0])).toContain('We called your agency; they will pay on Friday.');
    expect(bodyText(after[1])).toContain(ref);
    expect(after.slice(0, 2).every((m) => m.type === 'text')).toBe(true);
    expect(outboxFor(USER).filter((r) => r.state === 'pending')).toHaveLength(0);
    const health = (await (await fetch(`${base}/api/health`)).json()) as { channels: Record<string, { state: string; stats: Record<string, number> }> };
    expect(health.channels['whatsapp-cloud']).toMatchObject({ state: 'up', stats: { templatesSent: 1 } });
  });

  it('without an answer the template is sent again after the wait, three times at most; then the message is skipped', async () => {
    await startApp();
    const ref = await workerWithCase('2');
    app.manualClock.advance(25 * HOUR);
    await officerReady();
    const before = graph.to(USER).length;
    await say(OFFICER, `/reply ${ref} Are you safe?`);
    for (let round = 2; round <= 4; round++) {
      app.manualClock.advance(ANSWER_WAIT_MS + 1000);
      app.dispatcher.kick('whatsapp-cloud');
      await app.drain();
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(graph.to(USER).slice(before).map((m) => m.type)).toEqual(['template', 'template', 'template']);
    expect(outboxFor(USER).at(-1)).toMatchObject({ state: 'skipped', last_error: 'needs_template: no answer to 3 templates' });
  });

  it('a Javanese worker gets the Indonesian template (Javanese falls back to id); the names and languages are configurable', async () => {
    await startApp({ WHATSAPP_TEMPLATE_CASE_UPDATE: 'pembaruan_laporan', WHATSAPP_TEMPLATE_LANGUAGES: 'id:id,en:en_US,jv:id' });
    const ref = await workerWithCase('3');
    app.manualClock.advance(30 * HOUR);
    await officerReady();
    await say(OFFICER, `/reply ${ref} Kami sudah menghubungi agen.`);
    const tpl = graph.to(USER).at(-1)!;
    expect(tpl.body.template).toMatchObject({ name: 'pembaruan_laporan', language: { code: 'id' } });
  });

  it('132001 (template missing or not approved): not sent, officers told in chat once, /api/health says what to fix', async () => {
    await startApp();
    const ref = await workerWithCase('2');
    app.manualClock.advance(25 * HOUR);
    await officerReady();
    const officerBefore = graph.to(OFFICER).length;
    graph.failures.push({ status: 400, code: 132001, message: 'Template name does not exist in the translation' });
    await say(OFFICER, `/reply ${ref} We called your agency.`);
    const row = outboxFor(USER).at(-1)!;
    expect(row.state).toBe('skipped');
    expect(row.last_error).toMatch(/^needs_template: .*132001/);
    await app.drain();
    const notices = graph.to(OFFICER).slice(officerBefore).map(bodyText);
    expect(notices.some((t) => t.includes('WhatsApp template "case_update" (en) was refused by WhatsApp (error 132001'))).toBe(true);
    const health = (await (await fetch(`${base}/api/health`)).json()) as { status: string; channels: Record<string, { state: string; detail?: string }> };
    expect(health.status).toBe('degraded');
    expect(health.channels['whatsapp-cloud'].state).toBe('degraded');
    expect(health.channels['whatsapp-cloud'].detail).toContain('"case_update" (en) refused by Graph (132001');
    expect(health.channels['whatsapp-cloud'].detail).toContain('WhatsApp Manager');

    // Told once a day per template and language, not per message.
    graph.failures.push({ status: 400, code: 132001, message: 'Template name does not exist in the translation' });
    const count = graph.to(OFFICER).length;
    await say(OFFICER, `/status ${ref} in_progress`);
    await app.drain();
    expect(graph.to(OFFICER).slice(count).map(bodyText).filter((t) => t.includes('132001'))).toHaveLength(0);
  });

  it('131047 (re-engagement required) inside our own window estimate takes the template path', async () => {
    await startApp();
    const ref = await workerWithCase('2');
    await officerReady();
    const before = graph.to(USER).length;
    graph.failures.push({ status: 400, code: 131047, message: 'Re-engagement message' });
    await say(OFFICER, `/reply ${ref} Please call us when you can.`);
    const sent = graph.to(USER).slice(before);
    expect(sent.map((m) => m.type)).toEqual(['template']);
    expect(outboxFor(USER).at(-1)).toMatchObject({ state: 'pending', hold_reason: 'reply_window' });
    await say(USER, 'ok');
    expect(graph.to(USER).slice(before + 1).map(bodyText)[0]).toContain('Please call us when you can.');
  });
});

describe('contacts in discreet mode outside the 24-hour window', () => {
  /** A worker with a case who turned discreet mode on (what shows on a locked screen must say nothing). */
  async function discreetWorker(): Promise<string> {
    const ref = await workerWithCase('2');
    app.contacts.applyPatch(app.contacts.find('whatsapp-cloud', USER)!.id, { discreet: true });
    return ref;
  }

  it('get the neutral template without the reference, and the update after they answer', async () => {
    await startApp();
    const ref = await discreetWorker();
    app.manualClock.advance(25 * HOUR);
    await officerReady();
    const before = graph.to(USER).length;
    await say(OFFICER, `/reply ${ref} We spoke to your employer.`);
    const sent = graph.to(USER).slice(before);
    expect(sent.map((m) => m.body.template)).toEqual([{ name: 'new_message', language: { code: 'en', policy: 'deterministic' } }]);
    expect(JSON.stringify(sent)).not.toContain(ref);
    await say(USER, 'hi');
    expect(graph.to(USER).slice(before + 1).map(bodyText).join('\n')).toContain('We spoke to your employer.');
  });

  it('get nothing when the neutral template is off (never the one naming the report); officers are told', async () => {
    await startApp({ WHATSAPP_TEMPLATE_NEUTRAL: 'off' });
    const ref = await discreetWorker();
    app.manualClock.advance(25 * HOUR);
    await officerReady();
    const before = graph.to(USER).length;
    const officerBefore = graph.to(OFFICER).length;
    await say(OFFICER, `/reply ${ref} We spoke to your employer.`);
    await app.drain();
    expect(graph.to(USER).slice(before)).toEqual([]);
    expect(outboxFor(USER).at(-1)).toMatchObject({ state: 'skipped', last_error: 'needs_template' });
    expect(graph.to(OFFICER).slice(officerBefore).map(bodyText).join('\n')).toContain(USER);
  });
});

describe('broadcasts outside the 24-hour window', () => {
  const announce = (text: string) =>
    app.notifier.transaction((out) => {
      return createBroadcast({ db: app.db, translator: app.translator, defaultLang: 'id', dataDir: app.config.DATA_DIR }, out, { audience: { kind: 'everyone' }, texts: { id: text }, urgent: false, scheduledAt: null, createdBy: 'api' }, app.clock.now()).broadcast;
    });

  it('use the configured announcement template, and the announcement follows the answer', async () => {
    await startApp({ WHATSAPP_TEMPLATE_ANNOUNCEMENT: 'announcement_notice' });
    for (const t of ['halo', '1', '1']) await say(USER, t); // Indonesian, subscribed
    app.manualClock.advance(48 * HOUR);
    const before = graph.to(USER).length;
    const b = announce('Silaturahmi online hari Minggu pukul 14.00.');
    expect(b.recipients).toBe(1);
    await app.drain();
    const tpl = graph.to(USER).slice(before);
    expect(tpl.map((m) => m.body.template)).toEqual([{ name: 'announcement_notice', language: { code: 'id', policy: 'deterministic' } }]);
    await say(USER, 'ya');
    // Released by the answer (replies to the answer go first: broadcasts never hold up a conversation).
    expect(graph.to(USER).slice(before + 1).map(bodyText).some((t) => t.includes('Silaturahmi online hari Minggu pukul 14.00.'))).toBe(true);
  });

  it('without one are not sent, and the count is reported', async () => {
    await startApp();
    for (const t of ['halo', '1', '1']) await say(USER, t);
    app.manualClock.advance(48 * HOUR);
    const before = graph.to(USER).length;
    const b = announce('Pengumuman penting.');
    expect(app.db.prepare('SELECT recipients FROM broadcasts WHERE id = ?').pluck().get(b.id)).toBe(1);
    expect(app.db.prepare("SELECT COUNT(*) FROM outbox WHERE broadcast_id = ? AND state = 'skipped'").pluck().get(b.id)).toBe(1);
    await app.drain();
    expect(graph.to(USER).slice(before)).toHaveLength(0);
  });
});
