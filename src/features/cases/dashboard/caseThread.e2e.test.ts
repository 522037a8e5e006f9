/**
 * The case as a conversation in a real browser (Debian's Chromium): an officer opens a case, sees
 * the thread, replies from the box at the bottom, and watches the reply's delivery change from
 * queued to sent — and a later one to failed with the reason — without reloading the page; a new
 * message from the reporter appears in the thread by itself.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../../app.js';
import { systemClock } from '../../../core/clock.js';
import { SendError } from '../../../core/errors.js';
import { addEvent, createCase } from '../../../domain/cases/cases.js';
import { addOfficer } from '../../../domain/officers/accounts.js';
import { DESKTOP, launchBrowser, screenshot } from '../../../testing/browser.js';
import { HeldChannel } from '../../../testing/heldChannel.js';
import { TestUser, createTestApp } from '../../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
let app: App;
let browser: Browser;
const ch = new HeldChannel();

beforeAll(async () => {
  app = createTestApp({ http: true, clock: systemClock, channels: [ch], env: { DEFAULT_LANGUAGE: 'en' } });
  await app.start();
  await addOfficer(app.db, { username: 'ana', password: PASSWORD }, Date.now());
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  ch.open();
  await browser?.close();
  await app?.stop();
});

describe('case page in a browser', () => {
  it('an officer opens a case, sees the thread, replies, and sees the delivery change live', async () => {
    const u = new TestUser(app);
    await u.start('en');
    await app.drain();
    const c = createCase(app.db, { reporterContactId: u.contact()!.id, category: 'wages_unpaid', description: 'No pay since March', now: Date.now(), config: app.config });
    addEvent(app.db, c.id, Date.now(), 'reporter', 'message_in', { text: 'Please help, the agency does not answer.' });
    addEvent(app.db, c.id, Date.now(), 'dashboard:1', 'note', { text: 'Try the agency’s second number.' });

    const ctx = await browser.newContext({ viewport: DESKTOP });
    const page = await ctx.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`http://127.0.0.1:${app.port}/dashboard/login?next=/dashboard/cases/${c.ref}`);
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Conversation' }).waitFor();
    await page.waitForSelector('body[data-live="open"]');

    // The thread: the reporter's message on their side, the internal note marked.
    const thread = page.locator('#case-history');
    await thread.locator('.msg-in', { hasText: 'Please help, the agency does not answer.' }).waitFor();
    await thread.locator('.msg-note', { hasText: 'Try the agency’s second number.' }).getByText('Internal note · the reporter does not see this').waitFor();

    // Reply from the box at the bottom while the channel is slow: queued …
    ch.close();
    await page.fill('.reply-box textarea', 'We called the agency; they will pay on Friday.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent to the reporter.').waitFor();
    const reply = thread.locator('.msg-out', { hasText: 'We called the agency; they will pay on Friday.' });
    await reply.locator('[data-delivery="queued"]').waitFor();
    let loads = 0;
    page.on('load', () => loads++);
    // … then sent, on the open page (the live stream redraws the thread).
    ch.open();
    await reply.locator('[data-delivery="sent"]').waitFor();
    expect(await reply.locator('.delivery').textContent()).toContain('Sent');
    expect(ch.textsTo(u.chatId).join('\n')).toContain('We called the agency; they will pay on Friday.');
    // The case was nobody's: replying made it ana's.
    await page.getByText('You are handling this case.').waitFor();

    // The next reply fails for good: the reason shows, without reload.
    ch.failures.push(new SendError('403: Forbidden: bot was blocked by the user', 'permanent'));
    await page.fill('.reply-box textarea', 'Can you send the payslip?');
    await Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Send reply' }).click()]);
    loads = 0;
    const failed = thread.locator('.msg-out', { hasText: 'Can you send the payslip?' });
    await failed.locator('[data-delivery="failed"]').waitFor();
    expect(await failed.locator('.delivery').textContent()).toContain('Failed: 403: Forbidden: bot was blocked by the user');

    // The reporter writes: it appears in the thread by itself.
    addEvent(app.db, c.id, Date.now(), 'reporter', 'message_in', { text: 'Thank you, I will wait.' });
    await thread.locator('.msg-in', { hasText: 'Thank you, I will wait.' }).waitFor();
    expect(loads).toBe(0);
    await screenshot(page, 'case-thread-desktop');
    await ctx.close();
  }, 90_000);
});
