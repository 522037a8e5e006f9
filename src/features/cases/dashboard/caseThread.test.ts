/**
 * The case page as a conversation, over HTTP against a real SQLite app: messages in order, internal
 * notes marked and never sent, and under each officer message its delivery as the outbox has it —
 * queued, sent, failed with the channel's reason, held until the reporter's safe time. Replying to
 * a case nobody holds makes it the replying officer's.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ManualClock } from '../../../core/clock.js';
import { SendError } from '../../../core/errors.js';
import type { App } from '../../../app.js';
import { addEvent, createCase } from '../../../domain/cases/cases.js';
import { addOfficer } from '../../../domain/officers/accounts.js';
import { setContactWindow } from '../../../domain/delivery/safeWindows.js';
import { deliveryOf } from '../../../domain/cases/threadDelivery.js';
import { TestUser, createTestApp } from '../../../testing/harness.js';
import { HeldChannel } from '../../../testing/heldChannel.js';

const PASSWORD = 'correct horse battery staple';
/** A 1×1 PNG. */
const PNG_1PX = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

let app: (App & { manualClock: ManualClock }) | undefined;
let gated: HeldChannel | undefined;
afterEach(async () => {
  gated?.open();
  await app?.stop();
  app = undefined;
});

/** Signs in over HTTP; returns a fetch that carries the session and posts forms with the CSRF token. */
async function signIn(base: string, username: string) {
  const form = await fetch(`${base}/dashboard/login`);
  const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0];
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  const res = await fetch(`${base}/dashboard/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: loginCookie },
    body: new URLSearchParams({ _csrf: token, username, password: PASSWORD }).toString(),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('helpline_session='))!.split(';')[0];
  const page = async (path: string) => (await fetch(`${base}${path}`, { headers: { Cookie: cookie } })).text();
  const csrf = (await page('/dashboard/cases')).match(/name="_csrf" value="([^"]+)"/)![1];
  const post = (path: string, body: Record<string, string>) =>
    fetch(`${base}${path}`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ _csrf: csrf, ...body }).toString(),
    });
  const fetchAs = (path: string) => fetch(`${base}${path}`, { headers: { Cookie: cookie } });
  return { page, post, fetchAs };
}

/** The thread list of a case page: each entry's side, kind, text and delivery, in page order. */
function threadOf(pageHtml: string): { side: string; kind: string; text: string; delivery: string | null; line: string }[] {
  const list = pageHtml.slice(pageHtml.indexOf('id="case-history"'), pageHtml.indexOf('</ol>', pageHtml.indexOf('id="case-history"')));
  return [...list.matchAll(/<li class="event event-(\w+)[^"]*" id="event-\d+" data-kind="(\w+)">([\s\S]*?)<\/li>/g)].map((m) => ({
    side: m[1],
    kind: m[2],
    text: /<div class="event-text">([\s\S]*?)<\/div>/.exec(m[3])?.[1] ?? '',
    delivery: /data-delivery="(\w+)"/.exec(m[3])?.[1] ?? null,
    line: /<p class="delivery[^>]*>([\s\S]*?)<\/p>/.exec(m[3])?.[1].replace(/<[^>]+>/g, '').trim() ?? '',
  }));
}

const setApp = (a: App & { manualClock: ManualClock }) => (app = a);

describe('case page: the conversation', () => {
  it('shows the thread in order with internal notes apart and each reply’s delivery: queued, sent, failed with reason, held until the safe time', async () => {
    const ch = (gated = new HeldChannel());
    const app = createTestApp({ channels: [ch], http: true, env: { DEFAULT_LANGUAGE: 'en' } });
    setApp(app);
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    const { officer: ana } = await addOfficer(app.db, { username: 'ana', password: PASSWORD }, app.clock.now());
    const u = new TestUser(app);
    await u.start('en');
    await app.drain();
    const reporter = u.contact()!.id;
    const c = createCase(app.db, { reporterContactId: reporter, category: 'wages_unpaid', description: 'No pay since March', now: app.clock.now(), config: app.config });
    app.manualClock.advance(60_000);
    addEvent(app.db, c.id, app.clock.now(), 'reporter', 'message_in', { text: 'They took my passport <b>too</b>' });
    // A photo the reporter sent, stored: shown in its bubble with a download link.
    fs.mkdirSync(path.join(app.config.DATA_DIR, 'media', c.ref), { recursive: true });
    fs.writeFileSync(path.join(app.config.DATA_DIR, 'media', c.ref, 'photo.png'), Buffer.from(PNG_1PX, 'base64'));
    const photo = Number(
      app.db
        .prepare("INSERT INTO attachments (case_id, channel, kind, mime, size, path, state, next_attempt_at, created_at) VALUES (?, 'console', 'photo', 'image/png', 70, ?, 'stored', 0, ?)")
        .run(c.id, `media/${c.ref}/photo.png`, app.clock.now()).lastInsertRowid,
    );
    addEvent(app.db, c.id, app.clock.now(), 'reporter', 'attachment', { attachmentId: photo });
    const { page, post, fetchAs } = await signIn(base, 'ana');

    // A reply nobody has sent yet: queued; and the case, which nobody held, is now ana's.
    expect(app.db.prepare('SELECT assignee_officer_id FROM cases WHERE id = ?').pluck().get(c.id)).toBeNull();
    app.manualClock.advance(60_000);
    ch.close();
    expect((await post(`/dashboard/cases/${c.ref}/reply`, { text: 'We are calling your agency.' })).status).toBe(303);
    expect(app.db.prepare('SELECT assignee_officer_id FROM cases WHERE id = ?').pluck().get(c.id)).toBe(ana.id);
    let thread = threadOf(await page(`/dashboard/cases/${c.ref}`));
    expect(thread.find((e) => e.text === 'We are calling your agency.')).toMatchObject({ side: 'out', delivery: 'queued', line: '🕓 Queued' });

    ch.open();
    await app.drain();
    thread = threadOf(await page(`/dashboard/cases/${c.ref}`));
    expect(thread.find((e) => e.text === 'We are calling your agency.')).toMatchObject({ delivery: 'sent', line: '✓ Sent' });
    expect(ch.textsTo(u.chatId).join('\n')).toContain('We are calling your agency.');

    // The channel refuses the next one for good: failed, with the reason.
    ch.failures.push(new SendError('400: chat not found', 'permanent'));
    app.manualClock.advance(60_000);
    await post(`/dashboard/cases/${c.ref}/reply`, { text: 'Are you safe now?' });
    await app.drain();
    thread = threadOf(await page(`/dashboard/cases/${c.ref}`));
    expect(thread.find((e) => e.text === 'Are you safe now?')).toMatchObject({ delivery: 'failed', line: '⚠ Failed: 400: chat not found' });

    // An internal note: on the officers' side, marked, no delivery, never in the outbox.
    app.manualClock.advance(60_000);
    await post(`/dashboard/cases/${c.ref}/note`, { text: 'Agency hotline busy, retry at 3.' });
    // The reporter chose a safe time (late at night in Hong Kong; 11:00 there now): the next reply waits.
    app.notifier.transaction(() => setContactWindow(app.db, reporter, 'late_night', 'Asia/Hong_Kong', app.clock.now(), 'Asia/Jakarta'));
    app.manualClock.advance(60_000);
    await post(`/dashboard/cases/${c.ref}/reply`, { text: 'Your wages: we have news.' });
    await app.drain();
    const html = await page(`/dashboard/cases/${c.ref}`);
    thread = threadOf(html);
    const held = thread.find((e) => e.text === 'Your wages: we have news.')!;
    expect(held.delivery).toBe('held');
    const until = app.db.prepare("SELECT hold_until FROM outbox WHERE payload LIKE '%we have news%'").pluck().get() as number;
    expect(until).toBeGreaterThan(app.clock.now());
    expect(held.line).toMatch(/^⏳ Held until .+ \(the reporter(&#39;|')s safe time\)$/);
    expect(ch.textsTo(u.chatId).join('\n')).not.toContain('we have news');

    // In order, each on its side; the reporter's text escaped; the note marked and never sent.
    expect(thread.map((e) => `${e.side}:${e.kind}`)).toEqual(['meta:created', 'in:message_in', 'in:attachment', 'meta:assigned', 'out:message_out', 'out:message_out', 'note:note', 'out:message_out']);
    expect(thread[1].text).toBe('They took my passport &lt;b&gt;too&lt;/b&gt;');
    expect(html).toMatch(/class="event event-note msg msg-note"[^>]*>[\s\S]*?Internal note · the reporter does not see this[\s\S]*?Agency hotline busy/);
    expect(thread.find((e) => e.kind === 'note')!.delivery).toBeNull();
    expect((app.db.prepare('SELECT payload FROM outbox').pluck().all() as string[]).join('\n')).not.toContain('Agency hotline busy');
    expect(html).toMatch(new RegExp(`data-kind="attachment">[\\s\\S]*?<img src="/dashboard/cases/${c.ref}/files/${photo}"[\\s\\S]*?href="/dashboard/cases/${c.ref}/files/${photo}\\?download=1"`));
    const file = await fetchAs(`/dashboard/cases/${c.ref}/files/${photo}?download=1`);
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/);
    // The reply box is at the bottom of the conversation.
    expect(html.indexOf('class="reply-box"')).toBeGreaterThan(html.indexOf('id="case-history"'));
  }, 60_000);

  it('reads delivered / read receipts and a failure receipt from the outbox row', () => {
    const sent = { state: 'sent', holdUntil: null, holdReason: null, lastError: null, sentAt: 5 };
    expect(deliveryOf({ ...sent, deliveryStatus: 'delivered' }, 10)).toEqual({ state: 'delivered', sentAt: 5 });
    expect(deliveryOf({ ...sent, deliveryStatus: 'read' }, 10)).toEqual({ state: 'read', sentAt: 5 });
    expect(deliveryOf({ ...sent, deliveryStatus: 'failed', lastError: '131047: re-engagement message' }, 10)).toMatchObject({ state: 'failed', reason: '131047: re-engagement message' });
    expect(deliveryOf({ ...sent, state: 'pending', deliveryStatus: null, holdUntil: 20, holdReason: 'reply_window' }, 10)).toEqual({ state: 'waiting', until: 20 });
    expect(deliveryOf(null, 10)).toEqual({ state: 'cleared' });
  });
});
