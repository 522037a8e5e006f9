/**
 * The programme sessions page in a real browser (Debian's Chromium): an officer creates a Ruang
 * Rindu session with the form, a mother signs up in the chat, the officer sees her name after a
 * reload, and cancelling asks the browser's confirmation before everyone signed up is told.
 */
import { DateTime } from 'luxon';
import type { Browser } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { systemClock } from '../../core/clock.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { launchBrowser, screenshot } from '../../testing/browser.js';
import { TestUser, createTestApp, testConfig } from '../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
let app: App | undefined;
let browser: Browser | undefined;
afterEach(async () => {
  await browser?.close();
  await app?.stop();
  browser = undefined;
  app = undefined;
});

describe('dashboard (browser): programme sessions', () => {
  it('create by form, see the sign-up, cancel after confirming', { timeout: 60_000 }, async () => {
    app = createTestApp({ config: testConfig({ DEFAULT_LANGUAGE: 'en' }), http: true, clock: systemClock });
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'officer' }, Date.now());
    browser = await launchBrowser();
    const page = await browser.newPage();
    page.setDefaultTimeout(10_000);
    await page.goto(`${base}/dashboard/login`);
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();

    await page.getByRole('link', { name: 'Programme sessions' }).click();
    await page.getByRole('heading', { name: 'Ruang Rindu for mothers and families' }).waitFor();
    const start = DateTime.now().setZone('Asia/Jakarta').plus({ days: 2 }).set({ hour: 10, minute: 0 });
    await page.selectOption('select[name=program]', 'ruangRindu');
    await page.fill('input[name=title_id]', 'Konseling untuk ibu');
    await page.fill('input[name=title_en]', 'Counselling for mothers');
    await page.fill('input[name=start]', start.toFormat("yyyy-LL-dd'T'HH:mm"));
    await page.fill('input[name=place]', 'Balai Desa Temuasri');
    await page.fill('input[name=quota]', '10');
    await page.getByRole('button', { name: 'Create session' }).click();
    await page.getByText('Session created. People see it in the programmes menu.').waitFor();
    expect(await page.textContent('p.signups')).toContain('0 of 10 signed up');

    const mother = new TestUser(app);
    await mother.start('en');
    for (const m of ['5', '1', '4', '1', '1', 'Sri Wahyuni']) await mother.say(m);
    expect((await mother.say('1')).join('\n')).toContain('You are signed up for "Counselling for mothers"');

    await page.reload();
    expect(await page.textContent('table.signups')).toContain('Sri Wahyuni');
    expect(await page.textContent('p.signups')).toContain('1 of 10 signed up');
    await screenshot(page, 'programme-session');

    // Dismissing the confirmation leaves the session as it is.
    page.once('dialog', (d) => void d.dismiss());
    await page.getByRole('button', { name: 'Cancel session' }).click();
    expect(app.db.prepare("SELECT state FROM gathering_occurrences").pluck().get()).toBe('scheduled');
    mother.replies();
    await page.fill('textarea[name=note]', 'A new date follows next week.');
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Cancel session' }).click();
    await page.getByText('This session is cancelled.').waitFor();
    expect(mother.replies().join('\n')).toContain('has been cancelled. We apologise.\nMessage from the officers: A new date follows next week.');
  });
});
