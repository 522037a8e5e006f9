/** The web chat in a real browser (Debian's Chromium) against the real app on 127.0.0.1. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { systemClock } from '../core/clock.js';
import { DESKTOP, PHONE, launchBrowser, screenshot } from '../testing/browser.js';
import { createTestApp, testConfig } from '../testing/harness.js';
import { POSTS_PER_MINUTE, WebchatChannel } from './webchat.js';

let app: App;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const config = testConfig();
  app = createTestApp({ config, http: true, clock: systemClock, channels: [new WebchatChannel({ config })] });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function openChat(viewport: { width: number; height: number } = DESKTOP): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${base}/chat`);
  await page.waitForSelector('#chat[data-ready="1"]');
  return { ctx, page };
}

/** The visible message texts, without the screen-reader "You:"/"Helpline:" labels. */
const bubbles = (page: Page) =>
  page.locator('.log .bubble').evaluateAll((els) =>
    els.map((el) => [...el.childNodes].filter((n) => !(n instanceof HTMLElement && n.classList.contains('sr-only'))).map((n) => n.textContent).join('')),
  );
const lastContact = () => app.db.prepare("SELECT id, chat_id AS chatId FROM contacts WHERE channel = 'webchat' ORDER BY id DESC LIMIT 1").get() as { id: number; chatId: string };

async function type(page: Page, text: string): Promise<void> {
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
}

describe('web chat in a browser', () => {
  it('a visitor picks a language by button, walks the menu by typing a number, and a reload keeps the conversation', async () => {
    const { ctx, page } = await openChat();
    await page.locator('#start').waitFor({ state: 'visible' });
    await screenshot(page, 'webchat-1-empty-desktop', false);
    await page.click('#start');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'No, thank you' }).click(); // the one-time announcements question
    await page.getByText("Banyuwangi Migrant Workers' Helpline. How can we help?").waitFor();
    await type(page, '6');
    await page.getByText('Safe migration info. Choose a topic:').waitFor();
    await screenshot(page, 'webchat-2-menu-desktop', false);
    const before = await bubbles(page);
    expect(before.at(-1)).toContain('1. Before you leave to work abroad');
    // Only the newest menu keeps its buttons; older menus keep their numbered text.
    expect(await page.locator('.msg:last-child .choice').first().isEnabled()).toBe(true);
    expect(await page.locator('.msg-out').first().locator('.choice').first().isHidden()).toBe(true);

    await page.reload();
    await page.waitForSelector('#chat[data-ready="1"]');
    expect(await bubbles(page)).toEqual(before);
    expect(await page.locator('#start-box').isHidden()).toBe(true);
    // The page chrome now speaks the contact's language.
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('button', { name: '3. Emergency contacts' }).click();
    await page.getByText('0800-1000').first().waitFor();
    await ctx.close();
  });

  it('a message queued later through the outbox appears without a reload', async () => {
    const { ctx, page } = await openChat();
    await page.click('#start');
    await page.getByRole('button', { name: 'Bahasa Indonesia' }).click();
    await page.getByText('Apakah Anda mau menerima pengumuman').first().waitFor();
    const contact = lastContact();
    app.services.notifier.notify(contact.id, { text: { raw: 'Petugas: laporan Anda sedang kami tangani.' } });
    await page.getByText('Petugas: laporan Anda sedang kami tangani.').waitFor({ timeout: 5000 });
    await ctx.close();
  });

  it('markup typed by a visitor or sent by an officer is shown as text, never run', async () => {
    const { ctx, page } = await openChat(PHONE);
    await page.click('#start');
    await page.getByRole('button', { name: 'Basa Jawa' }).click();
    await page.locator('.msg-out').nth(1).waitFor();
    const script = '<script>window.__pwned = 1</script>';
    const img = '<img src=x onerror="window.__pwned = 2">';
    await type(page, script);
    await page.locator('.msg-in', { hasText: script }).waitFor();
    await type(page, img);
    await page.locator('.msg-in', { hasText: img }).waitFor();
    app.services.notifier.notify(lastContact().id, { text: { raw: `Officer quoting: ${img}` } });
    await page.locator('.msg-out', { hasText: `Officer quoting: ${img}` }).waitFor();
    expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(await page.locator('.log img, .log script').count()).toBe(0);
    await screenshot(page, 'webchat-3-markup-phone', false);
    await ctx.close();
  });

  it('a double submit of one message is answered once', async () => {
    const { ctx, page } = await openChat();
    await page.click('#start');
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('button', { name: 'No, thank you' }).click();
    await page.getByText('How can we help?').waitFor();
    const results = await page.evaluate(async () => {
      const body = JSON.stringify({ text: '6', clientId: 'double-submit-1' });
      const post = () =>
        fetch('/chat/api/messages', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body }).then((r) => r.json());
      return Promise.all([post(), post()]);
    });
    expect(results.map((r) => r.result).sort()).toEqual(['duplicate', 'handled']);
    expect(results[0].message.id).toBe(results[1].message.id);
    await page.getByText('Safe migration info. Choose a topic:').waitFor();
    await app.drain();
    const chatId = lastContact().chatId;
    const topics = app.db
      .prepare("SELECT COUNT(*) FROM webchat_messages WHERE chat_id = ? AND direction = 'out' AND text LIKE 'Safe migration info%'")
      .pluck()
      .get(chatId);
    expect(topics).toBe(1);
    expect((await bubbles(page)).filter((t) => t === '6')).toHaveLength(1);
    await ctx.close();
  });

  it('the chat page may be framed by other sites, its cookie is HttpOnly and SameSite=Lax, and the API refuses strangers', async () => {
    const res = await fetch(`${base}/chat`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain('frame-ancestors *');
    expect(csp).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeNull();
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^helpline_chat=s%3A/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).toMatch(/Path=\/chat/);
    // No cookie, or a forged one: no conversation.
    expect((await fetch(`${base}/chat/api/messages`)).status).toBe(401);
    const forged = await fetch(`${base}/chat/api/messages`, { headers: { cookie: 'helpline_chat=AAAAAAAAAAAAAAAAAAAAAA' } });
    expect(forged.status).toBe(401);
    // Elsewhere framing stays denied.
    const health = await fetch(`${base}/api/health`);
    expect(health.status).toBe(200);
  });

  it(`more than ${POSTS_PER_MINUTE} messages a minute from one visitor are refused with 429`, async () => {
    const page = await fetch(`${base}/chat`);
    const cookie = (page.headers.get('set-cookie') ?? '').split(';')[0];
    const post = (i: number, text = 'menu') =>
      fetch(`${base}/chat/api/messages`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ text, clientId: `rate-limit-${i}` }),
      });
    const statuses: number[] = [];
    for (let i = 0; i < POSTS_PER_MINUTE; i++) statuses.push((await post(i)).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expect((await post(999)).status).toBe(429);
    // Oversized bodies are refused before they reach the bot.
    const other = (await fetch(`${base}/chat`)).headers.get('set-cookie')!.split(';')[0];
    const huge = await fetch(`${base}/chat/api/messages`, {
      method: 'POST',
      headers: { cookie: other, 'content-type': 'application/json' },
      body: JSON.stringify({ text: 'x'.repeat(100_000), clientId: 'huge-1' }),
    });
    expect(huge.status).toBe(413);
  });
});
