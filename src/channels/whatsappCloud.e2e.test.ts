/**
 * WhatsApp Cloud API end to end: the real App (HTTP on port 0, real SQLite) talks to a fake Graph API
 * on 127.0.0.1; webhook posts are signed the way Meta signs them.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { silentLogger } from '../logger.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { FakeGraph, postWebhook, waStatus, waText, webhookPayload } from '../testing/fakeGraph.js';
import { WhatsAppCloudChannel } from './whatsappCloud.js';
import type { ManualClock } from '../core/clock.js';

const PHONE_ID = '109876543210';
const TOKEN = 'test-token';
const SECRET = 'app-secret';
const VERIFY = 'verify-me';
const USER = '6281234567890';
const OFFICER = '6285550001111';
const HOUR = 3_600_000;

let graph: FakeGraph;
let app: App & { manualClock: ManualClock };
let base: string;
let seq = 0;

beforeEach(async () => {
  graph = await new FakeGraph(TOKEN).start();
  const config = testConfig({
    WHATSAPP_CLOUD_TOKEN: TOKEN,
    WHATSAPP_CLOUD_PHONE_NUMBER_ID: PHONE_ID,
    WHATSAPP_CLOUD_APP_SECRET: SECRET,
    WHATSAPP_CLOUD_VERIFY_TOKEN: VERIFY,
    WHATSAPP_CLOUD_API_ROOT: graph.root,
    OFFICER_WHATSAPP_NUMBERS: `+${OFFICER}`,
  });
  const channel = new WhatsAppCloudChannel({ config, log: silentLogger });
  app = createTestApp({ config, channels: [channel], http: true, pacing: { 'whatsapp-cloud': { perSecond: 1000, perChatGapMs: 0, concurrency: 4 } } });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
});

afterEach(async () => {
  await app.stop();
  await graph.close();
});

/** The user (or officer) sends a text; resolves after the bot's replies left through the fake Graph. */
async function say(from: string, text: string, id = `wamid.IN${++seq}`): Promise<number> {
  const status = await postWebhook(`${base}/webhooks/whatsapp`, webhookPayload(PHONE_ID, { messages: [waText(from, text, id)] }), SECRET);
  await app.drain();
  return status;
}

async function tap(from: string, rowId: string): Promise<void> {
  const msg = { from, id: `wamid.IN${++seq}`, timestamp: '1790000000', type: 'interactive', interactive: { type: 'list_reply', list_reply: { id: rowId, title: 'x' } } };
  expect(await postWebhook(`${base}/webhooks/whatsapp`, webhookPayload(PHONE_ID, { messages: [msg] }), SECRET)).toBe(200);
  await app.drain();
}

function lastTo(waId: string) {
  const all = graph.to(waId);
  return all[all.length - 1];
}

function outboxRow(wamid: string) {
  return app.db.prepare('SELECT state, delivery_status, last_error FROM outbox WHERE platform_message_id = ?').get(wamid) as
    | { state: string; delivery_status: string | null; last_error: string | null }
    | undefined;
}

describe('webhook verification (GET /webhooks/whatsapp)', () => {
  it('echoes hub.challenge for the right verify token and refuses anything else', async () => {
    const ok = await fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=${VERIFY}&hub.challenge=12345`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('12345');
    const wrong = await fetch(`${base}/webhooks/whatsapp?hub.mode=subscribe&hub.verify_token=nope&hub.challenge=12345`);
    expect(wrong.status).toBe(403);
    const mode = await fetch(`${base}/webhooks/whatsapp?hub.mode=unsubscribe&hub.verify_token=${VERIFY}&hub.challenge=1`);
    expect(mode.status).toBe(403);
  });
});

describe('signed messages', () => {
  it('answers a new contact with the language list, then the main menu as an interactive list; taps and typed numbers both work', async () => {
    expect(await say(USER, 'halo')).toBe(200);
    const first = lastTo(USER);
    expect(first.type).toBe('interactive');
    const list = (first.body.interactive as { action: { button: string; sections: { rows: { id: string; title: string }[] }[] } }).action;
    expect(list.sections[0].rows.map((r) => r.id)).toEqual(['1', '2', '3']);
    expect(list.sections[0].rows[1].title).toBe('2. English');

    await tap(USER, '2'); // English, by tapping the list row
    const asked = graph.to(USER).slice(1);
    expect(asked.map((m) => m.type)).toEqual(['text', 'interactive']); // "we continue in English", the announcements question
    await tap(USER, '2'); // no announcements
    const menu = graph.to(USER).slice(3);
    expect(menu.map((m) => m.type)).toEqual(['text', 'interactive']); // "no announcements", then the menu
    const inter = menu[1].body.interactive as { body: { text: string }; action: { button: string; sections: { rows: { id: string; title: string; description?: string }[] }[] } };
    expect(inter.body.text).toBe("Banyuwangi Migrant Workers' Helpline. How can we help? Reply with a number:");
    expect(inter.action.button).toBe('See choices');
    const rows = inter.action.sections[0].rows;
    expect(rows).toHaveLength(8);
    expect(rows[0]).toEqual({ id: '1', title: '1. Report a problem' });
    expect(rows[5].description).toBe('Safe migration info and emergency contacts');
    for (const r of rows) expect(r.title.length).toBeLessThanOrEqual(24);

    await say(USER, '8'); // typed number: the language menu again
    const again = lastTo(USER);
    expect(again.type).toBe('interactive');
    expect((again.body.interactive as { action: { sections: { rows: unknown[] }[] } }).action.sections[0].rows).toHaveLength(3);
  });

  it('refuses unsigned and wrongly signed posts with 401 and stores nothing', async () => {
    const url = `${base}/webhooks/whatsapp`;
    const payload = webhookPayload(PHONE_ID, { messages: [waText(USER, 'halo', 'wamid.X1')] });
    expect(await postWebhook(url, payload, null)).toBe(401);
    expect(await postWebhook(url, payload, 'not-the-secret')).toBe(401);
    expect(await postWebhook(url, payload, null, 'sha256=zz')).toBe(401);
    await app.drain();
    // Only the configured officer chat (registered at start-up) exists: nobody was created from the refused posts.
    expect(app.db.prepare("SELECT COUNT(*) FROM contacts WHERE role = 'user'").pluck().get()).toBe(0);
    expect(app.db.prepare('SELECT COUNT(*) FROM inbound_seen').pluck().get()).toBe(0);
    expect(graph.sent).toHaveLength(0);
    const health = (await (await fetch(`${base}/api/health`)).json()) as { channels: Record<string, { stats: Record<string, number> }> };
    expect(health.channels['whatsapp-cloud'].stats.refusedWebhooks).toBe(3);
  });

  it('answers a message delivered twice only once', async () => {
    expect(await say(USER, 'halo', 'wamid.SAME')).toBe(200);
    expect(await say(USER, 'halo', 'wamid.SAME')).toBe(200);
    expect(graph.to(USER)).toHaveLength(1);
  });

  it('delivers a photo as a media descriptor that can be downloaded later', async () => {
    await say(USER, 'halo');
    await tap(USER, '2');
    const before = graph.to(USER).length;
    graph.addMedia('MEDIA77', Buffer.from('jpeg-bytes'), 'image/jpeg');
    const photo = { from: USER, id: 'wamid.PHOTO', timestamp: '1790000000', type: 'image', image: { id: 'MEDIA77', mime_type: 'image/jpeg', sha256: 'x' } };
    expect(await postWebhook(`${base}/webhooks/whatsapp`, webhookPayload(PHONE_ID, { messages: [photo] }), SECRET)).toBe(200);
    await app.drain();
    // At the main menu a photo is politely declined (it arrived as media, not as empty text).
    const answer = graph.to(USER).slice(before)[0];
    expect((answer.body.text as { body: string }).body).toContain('I can only read text');
    const file = await app.channels.get('whatsapp-cloud')!.fetchMedia!('MEDIA77');
    expect(file).toEqual({ data: Buffer.from('jpeg-bytes'), mime: 'image/jpeg' });
  });
});

describe('attachments the bot sends', () => {
  it('uploads the file, then sends it as a document with the text as caption', async () => {
    await say(USER, 'halo');
    const file = path.join(app.config.DATA_DIR, 'invite.ics');
    fs.writeFileSync(file, 'BEGIN:VCALENDAR\nEND:VCALENDAR\n');
    const user = app.contacts.find('whatsapp-cloud', USER)!;
    app.notifier.notify(user.id, { text: { raw: 'Your invitation' }, media: { path: file, mime: 'text/calendar', fileName: 'invite.ics' } });
    await app.drain();
    expect(graph.uploads).toHaveLength(1);
    expect(graph.uploads[0].mime).toBe('text/calendar');
    const doc = lastTo(USER);
    expect(doc.type).toBe('document');
    expect(doc.body.document).toEqual({ id: expect.stringMatching(/^media/), caption: 'Your invitation', filename: 'invite.ics' });
  });
});

describe('delivery statuses', () => {
  it('ends as read whatever order read, delivered and sent arrive in; failed keeps its error', async () => {
    await say(USER, 'halo');
    const wamid = graph.to(USER)[0].wamid;
    expect(outboxRow(wamid)).toMatchObject({ state: 'sent', delivery_status: null });
    for (const s of ['read', 'delivered', 'sent']) {
      expect(await postWebhook(`${base}/webhooks/whatsapp`, webhookPayload(PHONE_ID, { statuses: [waStatus(wamid, s, USER)] }), SECRET)).toBe(200);
    }
    expect(outboxRow(wamid)?.delivery_status).toBe('read');

    await say(USER, '2');
    const second = lastTo(USER).wamid;
    const failed = { ...(waStatus(second, 'failed', USER) as object), errors: [{ code: 131026, title: 'Message undeliverable' }] };
    await postWebhook(`${base}/webhooks/whatsapp`, webhookPayload(PHONE_ID, { statuses: [failed, waStatus(second, 'delivered', USER)] }), SECRET);
    expect(outboxRow(second)).toMatchObject({ delivery_status: 'failed', last_error: '131026 Message undeliverable' });
  });
});

describe('24-hour window', () => {
  it('does not send to a contact silent for 25 hours: the row is skipped as needs_template and officers are told once a day', async () => {
    await say(USER, 'halo');
    const user = app.contacts.find('whatsapp-cloud', USER)!;
    app.manualClock.advance(25 * HOUR);
    await say(OFFICER, 'halo'); // the officer wrote recently, so the officer can be reached
    const officerBefore = graph.to(OFFICER).length;
    const userBefore = graph.to(USER).length;

    app.notifier.notify(user.id, { text: { raw: 'An officer answered your report.' } });
    await app.drain();
    expect(graph.to(USER)).toHaveLength(userBefore);
    const row = app.db.prepare('SELECT state, last_error FROM outbox WHERE contact_id = ? ORDER BY id DESC LIMIT 1').get(user.id);
    expect(row).toEqual({ state: 'skipped', last_error: 'needs_template' });
    const notices = graph.to(OFFICER).slice(officerBefore);
    expect(notices).toHaveLength(1);
    expect((notices[0].body.text as { body: string }).body).toContain(`pesan untuk +${USER} TIDAK terkirim`);
    expect((notices[0].body.text as { body: string }).body).toContain('25 jam');

    app.notifier.notify(user.id, { text: { raw: 'Second try.' } });
    await app.drain();
    expect(graph.to(OFFICER).slice(officerBefore)).toHaveLength(1); // once per contact per day
    const health = (await (await fetch(`${base}/api/health`)).json()) as { channels: Record<string, { state: string; stats: Record<string, number> }> };
    expect(health.channels['whatsapp-cloud']).toMatchObject({ state: 'up', stats: { heldBackOutsideWindow: 2 } });
  });
});

describe('Graph API errors', () => {
  it('retries a 429 later, skips a re-engagement error without a template, and reports a refused token as degraded', async () => {
    graph.failures.push({ status: 429, code: 130429, message: 'Rate limit hit', retryAfterS: 2 });
    await say(USER, 'halo');
    expect(graph.to(USER)).toHaveLength(0);
    const pending = app.db.prepare("SELECT state, last_error FROM outbox WHERE chat_id = ?").get(USER) as { state: string; last_error: string };
    expect(pending.state).toBe('pending');
    expect(pending.last_error).toContain('130429');
    app.manualClock.advance(2_000);
    app.dispatcher.kick('whatsapp-cloud');
    await app.drain();
    expect(graph.to(USER)).toHaveLength(1);

    graph.failures.push({ status: 400, code: 131047, message: 'Re-engagement message' });
    await say(USER, '2');
    // The turn queued two messages ("continuing in English", then the menu): Graph refused the first
    // as outside the window; it is no case update (no template to fall back to), so it is skipped.
    const [menu, failed] = app.db.prepare('SELECT state, last_error FROM outbox WHERE chat_id = ? ORDER BY id DESC LIMIT 2').all(USER) as { state: string; last_error: string }[];
    expect(failed.state).toBe('skipped');
    expect(failed.last_error).toMatch(/^needs_template: /);
    expect(failed.last_error).toContain('131047');
    expect(menu.state).toBe('sent');

    graph.failures.push({ status: 401, code: 190, message: 'Invalid OAuth access token' });
    await say(USER, 'menu');
    const health = (await (await fetch(`${base}/api/health`)).json()) as { channels: Record<string, { state: string; detail?: string }> };
    expect(health.channels['whatsapp-cloud'].state).toBe('degraded');
    expect(health.channels['whatsapp-cloud'].detail).toContain('WHATSAPP_CLOUD_TOKEN');
    await say(USER, 'menu');
    expect(app.channelHealth()['whatsapp-cloud']?.state).toBe('up');
  });
});
