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

const PASSWORD = 'correct horse battery staple';
/** The target: an urgent alert in every signed-in officer's inbox within this long. */
const LIVE_TARGET_MS = 2000;

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

  it('an urgent web-chat sos appears in both officers’ inboxes within 2 s, without reload, and rings until seen', async () => {
    ana = (await login('ana')).page;
    budi = (await login('budi')).page;
    const loads = { ana: 0, budi: 0 };
    ana.on('load', () => loads.ana++);
    budi.on('load', () => loads.budi++);

    const chat = await openChat('English');
    await chat.getByRole('button', { name: 'No, thank you' }).click();
    await chat.getByText('How can we help?').waitFor();
    await chat.fill('#text', 'sos');
    const sent = Date.now();
    await chat.press('#text', 'Enter');
    const seenAt = await Promise.all(
      [ana, budi].map(async (p) => {
        await p.locator('#inbox-live .sos-alert').waitFor({ timeout: 5000 });
        return Date.now() - sent;
      }),
    );
    console.log(`live inbox: sos shown to ana after ${seenAt[0]} ms, to budi after ${seenAt[1]} ms (target ${LIVE_TARGET_MS} ms)`);
    for (const ms of seenAt) expect(ms).toBeLessThan(LIVE_TARGET_MS);
    expect(loads).toEqual({ ana: 0, budi: 0 });
    // It rings: the alert bar, the count in the tab title.
    for (const p of [ana, budi]) {
      await p.locator('#live-alerts .live-alert').waitFor();
      expect(await p.locator('#live-alerts .live-alert').textContent()).toContain('emergency word');
      expect(await p.title()).toMatch(/^\(1\) Cases/);
    }
    await screenshot(ana, 'workspace-1-sos-live');
    // One officer acknowledges: it stops ringing for both.
    await budi.locator('#live-alerts button[data-ack]').click();
    for (const p of [ana, budi]) {
      await p.waitForFunction(() => document.body.getAttribute('data-ringing') === '0');
      expect(await p.title()).toMatch(/^Cases/);
    }
    expect(await ana.locator('#inbox-live .sos-alert').count()).toBe(0);
    await chat.context().close();
  });
});
