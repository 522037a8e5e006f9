/** The officer dashboard in a real browser (Debian's Chromium) against the real app on 127.0.0.1. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { WebchatChannel } from '../../channels/webchat.js';
import { systemClock } from '../../core/clock.js';
import { DESKTOP, PHONE, launchBrowser, screenshot } from '../../testing/browser.js';
import { RecordingChannel, TestUser, createTestApp, testConfig } from '../../testing/harness.js';
import { LOGIN_ATTEMPTS_PER_USER } from './auth.js';
import { addOfficer } from '../../domain/officers/accounts.js';

const PASSWORD = 'correct horse battery staple';

/** A WhatsApp Web stand-in waiting for its QR scan. */
class QrChannel extends RecordingChannel {
  constructor() {
    super('whatsapp-web');
  }
  override health() {
    return { state: 'waiting_for_qr' as const, detail: 'scan the QR code' };
  }
  loginQr() {
    return '2@fake-qr-payload-for-tests';
  }
}

let app: App;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const config = testConfig({ DEFAULT_LANGUAGE: 'en' });
  app = createTestApp({ config, http: true, clock: systemClock, channels: [new WebchatChannel({ config }), new QrChannel()] });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
  await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
  await addOfficer(app.db, { username: 'budi', password: PASSWORD, role: 'officer' }, Date.now());
  // Some traffic for the charts: web chat visitors in three languages.
  for (const lang of ['id', 'en', 'jv', 'en'] as const) await new TestUser(app, undefined, 'webchat').start(lang);
  await app.drain();
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function login(username: string, password: string, viewport: { width: number; height: number } = DESKTOP): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport });
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${base}/dashboard`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', password);
  await page.click('button[type=submit]');
  await page.waitForLoadState();
  return { ctx, page };
}

const audits = (action: string) => app.db.prepare('SELECT actor, subject FROM audit WHERE action = ? ORDER BY id').all(action) as { actor: string; subject: string }[];

/** A fresh login form: its cookie and token, as a script would fetch them. */
async function loginForm(): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/dashboard/login`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const token = (await res.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  return { cookie, token };
}

describe('officer dashboard in a browser', () => {
  it('sends strict security headers and asks for sign-in first', async () => {
    const res = await fetch(`${base}/dashboard`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/dashboard/login?next=%2Fdashboard');
    const page = await fetch(`${base}/dashboard/login`);
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('x-powered-by')).toBeNull();
    expect(await page.text()).not.toMatch(/<script>|\son\w+=|style=/);
  });

  it('refuses a wrong password and audits it', async () => {
    const { ctx, page } = await login('budi', 'not the password at all');
    await page.getByText('Wrong username or password.').waitFor();
    expect(page.url()).toBe(`${base}/dashboard/login`);
    expect(await page.inputValue('input[name=username]')).toBe('budi');
    expect(await page.inputValue('input[name=password]')).toBe('');
    await screenshot(page, 'dashboard-1-login-refused-desktop');
    expect(audits('dashboard_login_failed')).toContainEqual({ actor: 'dashboard', subject: 'budi' });
    await ctx.close();
  });

  it('an officer created with add-officer signs in with a fresh HttpOnly SameSite=Strict session and sees the overview charts', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    // A session id planted before sign-in is never kept (no fixation).
    await ctx.addCookies([{ name: 'helpline_session', value: 'planted', url: `${base}/dashboard` }]);
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${base}/dashboard`);
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const session = (await ctx.cookies()).find((c) => c.name === 'helpline_session')!;
    expect(session.value).not.toBe('planted');
    expect(session.value).toMatch(/^s%3A/);
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/dashboard' });
    // The database holds only a hash of the id.
    const stored = app.db.prepare('SELECT id_hash FROM officer_sessions').pluck().all() as string[];
    expect(stored.some((h) => decodeURIComponent(session.value).includes(h))).toBe(false);
    expect(audits('dashboard_login').map((a) => a.subject)).toContain('ana');

    expect(await page.locator('figure.chart svg').count()).toBe(9);
    expect((await page.locator('figcaption').allTextContents()).slice(-4)).toEqual([
      'Messages sent per day (last 14 days)',
      'Contacts by language',
      'Outgoing messages by state',
      'Cases by home district',
    ]);
    const langChart = page.locator('figure.chart').nth(6);
    expect(await langChart.locator('text').allTextContents()).toEqual(['English', '2', 'Bahasa Indonesia', '1', 'Basa Jawa', '1']);
    expect(await page.locator('figure.chart').nth(5).locator('polyline').count()).toBe(1);
    // No case yet: the case charts say so instead of drawing empty axes.
    expect(await page.locator('figure.chart').first().textContent()).toContain('No data yet');
    await screenshot(page, 'dashboard-2-overview-desktop');

    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByText('No case matches these filters.').waitFor();
    expect(await page.getAttribute('nav a[aria-current=page]', 'href')).toBe('/dashboard/cases');
    await page.getByRole('link', { name: 'Channels' }).click();
    await page.getByRole('cell', { name: 'Web chat' }).waitFor();
    expect(await page.locator('tr', { hasText: 'Web chat' }).locator('.state').textContent()).toBe('Running');
    // Counters are worded in the dashboard's language (dashboard.channels.stat.*), not in English code.
    expect(await page.locator('tr', { hasText: 'Web chat' }).locator('td').nth(2).textContent()).toBe('Open chat windows: 0');
    expect(await page.locator('tr', { hasText: 'WhatsApp Web' }).locator('.state').textContent()).toBe('Waiting for QR scan');
    expect(await page.locator('.qr svg').count()).toBe(1);
    await screenshot(page, 'dashboard-3-channels-desktop');
    await ctx.close();
  });

  it('an officer (not admin) sees channel states but no WhatsApp QR; the layout works on a phone', async () => {
    const { ctx, page } = await login('budi', PASSWORD, PHONE);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await screenshot(page, 'dashboard-4-overview-phone');
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await page.goto(`${base}/dashboard/channels`);
    await page.getByRole('cell', { name: 'Web chat' }).waitFor();
    expect(await page.locator('.qr').count()).toBe(0);
    await screenshot(page, 'dashboard-5-channels-phone');
    await ctx.close();
  });

  it('a POST without or with a wrong CSRF token is refused with 403; with the right one it works', async () => {
    const { ctx, page } = await login('budi', PASSWORD);
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    const refusedBefore = audits('dashboard_csrf_refused').length;
    const none = await page.request.post(`${base}/dashboard/logout`, { form: {}, maxRedirects: 0 });
    expect(none.status()).toBe(403);
    const wrong = await page.request.post(`${base}/dashboard/logout`, { form: { _csrf: 'x'.repeat(43) }, maxRedirects: 0 });
    expect(wrong.status()).toBe(403);
    expect(await wrong.text()).toContain('This form has expired or did not come from the dashboard.');
    expect(audits('dashboard_csrf_refused').length).toBe(refusedBefore + 2);
    // Still signed in; the real form carries the token.
    await page.reload();
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.getByRole('heading', { name: 'Officer sign-in' }).waitFor();
    await page.goto(`${base}/dashboard/channels`);
    expect(page.url()).toBe(`${base}/dashboard/login?next=%2Fdashboard%2Fchannels`);
    await ctx.close();
  });

  it(`after ${LOGIN_ATTEMPTS_PER_USER} wrong passwords the login answers 429, even to the right password`, async () => {
    const attempt = async (password: string) => {
      const { cookie, token } = await loginForm();
      const res = await fetch(`${base}/dashboard/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ _csrf: token, username: 'ana', password }),
      });
      return res.status;
    };
    // The login form itself is CSRF-protected.
    const noToken = await fetch(`${base}/dashboard/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ username: 'nobody', password: PASSWORD }),
    });
    expect(noToken.status).toBe(403);
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_ATTEMPTS_PER_USER - 1; i++) statuses.push(await attempt(`guess-number-${i}`));
    expect(statuses.every((s) => s === 401)).toBe(true);
    expect(await attempt('last-guess')).toBe(401);
    expect(await attempt('one-more-guess')).toBe(429);
    expect(await attempt(PASSWORD)).toBe(429);
    expect(audits('dashboard_login_throttled').length).toBeGreaterThanOrEqual(2);
  });
});
