/**
 * The officer workspace in a real browser (Debian's Chromium) with two officers signed in in two
 * browser contexts: the live inbox (an urgent web-chat `sos` appears in both inboxes without a
 * reload, and rings until seen), assignment to a colleague, and saved replies.
 */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { WebchatChannel } from '../../channels/webchat.js';
import { systemClock } from '../../core/clock.js';
import { DESKTOP, PHONE, launchBrowser, screenshot } from '../../testing/browser.js';
import { createTestApp, testConfig } from '../../testing/harness.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { addEvent, caseByRef, createCase } from '../../domain/cases/cases.js';

const PASSWORD = 'correct horse battery staple';
/** The target: an urgent alert in every signed-in officer's inbox within this long. */
const LIVE_TARGET_MS = 2000;
/** The test machine is shared and often loaded; the assertion allows this factor, the printed figure is the measurement. */
const SHARED_MACHINE_MARGIN = 2;

let app: App;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const config = testConfig({ DEFAULT_LANGUAGE: 'en' });
  app = createTestApp({ config, http: true, clock: systemClock, channels: [new WebchatChannel({ config })] });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
  await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
  await addOfficer(app.db, { username: 'budi', password: PASSWORD }, Date.now());
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function login(username: string): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${base}/dashboard/login?next=/dashboard/cases`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
  await page.waitForSelector('body[data-live="open"]');
  return { ctx, page };
}

async function openChat(lang: 'English' | 'Basa Jawa'): Promise<Page> {
  const ctx = await browser.newContext({ viewport: PHONE });
  const chat = await ctx.newPage();
  chat.setDefaultTimeout(8000);
  await chat.goto(`${base}/chat`);
  await chat.waitForSelector('#chat[data-ready="1"]');
  await chat.click('#start');
  await chat.getByRole('button', { name: lang }).click();
  return chat;
}

/** Types into the web chat and waits for the bot to answer. */
async function chatSay(page: Page, text: string): Promise<void> {
  const before = await page.locator('.msg-out').count();
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.msg-out').length > n, before);
}

describe('officer workspace in a browser', () => {
  let ana: Page;
  let budi: Page;
  let chat: Page;
  let ref = '';

  it('an urgent web-chat sos appears in both officers’ inboxes within 2 s, without reload, and rings until seen', async () => {
    ana = (await login('ana')).page;
    budi = (await login('budi')).page;
    const loads = { ana: 0, budi: 0 };
    ana.on('load', () => loads.ana++);
    budi.on('load', () => loads.budi++);

    const sosChat = await openChat('English');
    await sosChat.getByRole('button', { name: 'No, thank you' }).click();
    await sosChat.getByText('How can we help?').waitFor();
    await sosChat.fill('#text', 'sos');
    const sent = Date.now();
    await sosChat.press('#text', 'Enter');
    const seenAt = await Promise.all(
      [ana, budi].map(async (p) => {
        await p.locator('#inbox-live .sos-alert').waitFor({ timeout: LIVE_TARGET_MS * SHARED_MACHINE_MARGIN });
        return Date.now() - sent;
      }),
    );
    console.log(`live inbox: sos shown to ana after ${seenAt[0]} ms, to budi after ${seenAt[1]} ms (target ${LIVE_TARGET_MS} ms)`);
    for (const ms of seenAt) expect(ms).toBeLessThan(LIVE_TARGET_MS * SHARED_MACHINE_MARGIN);
    expect(loads).toEqual({ ana: 0, budi: 0 });
    // It rings: the alert bar, the count in the tab title.
    for (const p of [ana, budi]) {
      await p.locator('#live-alerts .live-alert').waitFor();
      expect(await p.locator('#live-alerts .live-alert').textContent()).toContain('emergency word');
      expect(await p.title()).toMatch(/^\(1\) Cases/);
    }
    // The urgent case the emergency word opened is at the top of both inboxes, marked urgent.
    const sosRef = app.db.prepare("SELECT subject FROM audit WHERE action = 'emergency_alert' ORDER BY id DESC").pluck().get() as string;
    for (const p of [ana, budi]) await p.locator('#inbox-live tr.urgent', { hasText: sosRef }).waitFor();
    expect(await ana.locator('#live-alerts .live-alert').textContent()).toContain(sosRef);
    await screenshot(ana, 'workspace-1-sos-live');
    // One officer acknowledges: it stops ringing for both.
    await budi.locator('#live-alerts button[data-ack]').click();
    for (const p of [ana, budi]) {
      await p.waitForFunction(() => document.body.getAttribute('data-ringing') === '0');
      expect(await p.title()).toMatch(/^Cases/);
    }
    expect(await ana.locator('#inbox-live .sos-alert').count()).toBe(0);
    await sosChat.context().close();
  });

  it('a Javanese reporter’s case assigned by ana to budi appears live in budi’s "my cases"; unassigning takes it away', async () => {
    chat = await openChat('Basa Jawa');
    await chat.getByRole('button', { name: 'Mboten, matur nuwun' }).click();
    await chat.getByText('Menapa ingkang saged kula biyantu?').waitFor();
    const contactId = app.db.prepare("SELECT id FROM contacts WHERE channel = 'webchat' ORDER BY id DESC LIMIT 1").pluck().get() as number;
    ref = createCase(app.db, {
      reporterContactId: contactId,
      category: 'wages_unpaid',
      country: 'HK',
      workerName: 'Sri Wahyuni',
      description: 'Gaji kula dereng dipunbayar tigang wulan.',
      language: 'jv',
      now: Date.now(),
      config: app.config,
    }).ref;
    // budi watches his own cases; the new case shows in ana's inbox without reload.
    await budi.goto(`${base}/dashboard/cases?mine=1`);
    await budi.waitForSelector('body[data-live="open"]');
    expect(await budi.locator('#inbox-live tr', { hasText: ref }).count()).toBe(0);
    await ana.locator('#inbox-live tr', { hasText: ref }).waitFor();
    await ana.getByRole('link', { name: ref }).click();
    await ana.getByRole('heading', { name: `Case ${ref}` }).waitFor();
    await ana.selectOption('form.assign-other select[name=officer]', { label: 'budi (on duty)' });
    await ana.getByRole('button', { name: 'Assign', exact: true }).click();
    await ana.getByText('The case is assigned to the chosen officer.').waitFor();
    await budi.locator('#inbox-live tr', { hasText: ref }).waitFor();
    expect(await budi.locator('#inbox-live tr', { hasText: ref }).textContent()).toContain('budi');
    expect(app.db.prepare("SELECT detail FROM audit WHERE action = 'case_assigned' AND subject = ?").pluck().get(ref)).toMatch(/^officer:\d+$/);
    // The reporter is told someone is on it (in Javanese).
    await chat.getByText(ref).first().waitFor({ timeout: 10_000 });
    // Unassign: gone from budi's "my cases", and the history says so.
    await ana.selectOption('form.assign-other select[name=officer]', 'none');
    await ana.getByRole('button', { name: 'Assign', exact: true }).click();
    await ana.getByText('The case is no longer assigned.').first().waitFor();
    expect(await ana.locator('.history').textContent()).toContain('assignment removed');
    await budi.waitForFunction((r) => ![...document.querySelectorAll('#inbox-live tr')].some((tr) => tr.textContent?.includes(r)), ref);
    // Assign to budi again for the saved reply below.
    await ana.selectOption('form.assign-other select[name=officer]', { label: 'budi (on duty)' });
    await ana.getByRole('button', { name: 'Assign', exact: true }).click();
    await ana.getByText('The case is assigned to the chosen officer.').waitFor();
  }, 60_000);

  it('an officer marks themselves away and reads the dashboard in Indonesian; others see "away" when assigning', async () => {
    await budi.goto(`${base}/dashboard/me`);
    await budi.getByLabel('Away').check();
    await budi.selectOption('select[name=language]', 'id');
    await budi.getByRole('button', { name: 'Save' }).click();
    await budi.getByText('Tersimpan.').waitFor();
    expect(await budi.locator('#duty-state').textContent()).toBe('Status Anda: tidak di tempat.');
    expect(await budi.locator('html').getAttribute('lang')).toBe('id');
    await budi.getByRole('link', { name: 'Kasus' }).click();
    await budi.getByRole('heading', { name: 'Kasus' }).waitFor();
    // ana still reads English, and sees budi away.
    await ana.reload();
    await ana.getByRole('heading', { name: `Case ${ref}` }).waitFor();
    expect(await ana.locator('form.assign-other select[name=officer]').textContent()).toContain('budi (away)');
    await screenshot(budi, 'workspace-2-inbox-indonesian');
  });

  it('a saved reply chosen with "/" is inserted in Javanese for a Javanese reporter and reaches the open chat', async () => {
    // ana stores the saved reply in Indonesian and Javanese.
    await ana.goto(`${base}/dashboard/replies`);
    await ana.getByRole('heading', { name: 'Saved replies' }).waitFor();
    for (const [language, body] of [
      ['id', 'Kasus {{ref}} sudah kami terima, {{name}}. Petugas {{officer}} akan menghubungi Anda.'],
      ['jv', 'Kasus {{ref}} sampun kula tampi, {{name}}. Petugas {{officer}} badhe ngubungi panjenengan.'],
    ]) {
      await ana.fill('input[name=shortname]', 'diterima');
      await ana.selectOption('select[name=language]', language);
      await ana.fill('textarea[name=body]', body);
      await ana.getByRole('button', { name: 'Save', exact: true }).click();
      await ana.getByText('Saved reply stored.').waitFor();
    }
    expect(await ana.locator('table.saved-replies tbody tr').count()).toBe(2);

    // budi (dashboard in Indonesian) types "/" in the reply box of the Javanese reporter's case.
    await budi.goto(`${base}/dashboard/cases/${ref}`);
    await budi.locator('textarea[data-saved-replies]').fill('/dit');
    await budi.locator('.saved-reply-picker button[data-shortname="diterima"]').click();
    const expected = `Kasus ${ref} sampun kula tampi, Sri Wahyuni. Petugas budi badhe ngubungi panjenengan.`;
    expect(await budi.locator('textarea[data-saved-replies]').inputValue()).toBe(expected);
    expect(await budi.locator('#saved-reply-note').textContent()).toBe('/diterima · dalam Basa Jawa, bahasa pelapor');
    await screenshot(budi, 'workspace-3-saved-reply-javanese');
    await budi.getByRole('button', { name: 'Kirim balasan' }).click();
    await budi.waitForURL(/done=replied/);
    await chat.getByText(expected).waitFor({ timeout: 10_000 });
    const lastReplyAudit = () => app.db.prepare("SELECT detail FROM audit WHERE action = 'case_replied' AND subject = ? ORDER BY id DESC").pluck().get(ref);
    expect(lastReplyAudit()).toBe('saved:diterima:jv');
    await screenshot(chat, 'workspace-4-reporter-sees-saved-reply', false);
    // Without script, sending just "/diterima" does the same.
    const before = app.db.prepare("SELECT COUNT(*) FROM outbox WHERE channel = 'webchat'").pluck().get() as number;
    await budi.locator('textarea[data-saved-replies]').fill('/diterima');
    await Promise.all([budi.waitForEvent('load'), budi.evaluate(() => (document.querySelector('form[action$="/reply"]') as HTMLFormElement).submit())]);
    expect(app.db.prepare("SELECT COUNT(*) FROM outbox WHERE channel = 'webchat'").pluck().get()).toBe(before + 1);
    expect(app.db.prepare("SELECT payload FROM outbox WHERE channel = 'webchat' ORDER BY id DESC").pluck().get()).toContain('sampun kula tampi, Sri Wahyuni');
    expect(lastReplyAudit()).toBe('saved:diterima:jv');

    // Answering a case nobody holds takes it.
    app.db.prepare('UPDATE cases SET assignee_officer_id = NULL, assignee_contact_id = NULL WHERE ref = ?').run(ref);
    await budi.locator('textarea[data-saved-replies]').fill('Kula sampun maos.');
    await budi.getByRole('button', { name: 'Kirim balasan' }).click();
    await budi.waitForURL(/done=replied/);
    expect(app.db.prepare('SELECT o.username FROM cases c JOIN officers o ON o.id = c.assignee_officer_id WHERE c.ref = ?').pluck().get(ref)).toBe('budi');

    // A new message from the reporter appears in the open case's history without a reload.
    let loads = 0;
    budi.on('load', () => loads++);
    const c = caseByRef(app.db, ref)!;
    addEvent(app.db, c.id, Date.now(), 'reporter', 'message_in', { text: 'Matur nuwun sanget, kula tengga.' });
    await budi.locator('#case-history', { hasText: 'Matur nuwun sanget, kula tengga.' }).waitFor();
    expect(loads).toBe(0);
  }, 60_000);
});
