/**
 * The service report in a real browser (Debian's Chromium) and its CSV, under a controlled clock:
 * a reporter's satisfaction answer given in the chat is stored and charted; the inbox shows the
 * case's time left and filters by SLA state.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../../core/clock.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { DESKTOP, launchBrowser, screenshot } from '../../testing/browser.js';
import { casesTestEnv, refAndPin, startOfficer, startUser, typeAll } from '../../testing/cases.js';
import { DashboardClient } from '../../testing/dashboardClient.js';
import { createTestApp, testConfig } from '../../testing/harness.js';
import { QUIET_MS } from '../../domain/cases/satisfactionSession.js';
import { askSatisfaction } from './satisfactionJob.js';

const PASSWORD = 'correct horse battery staple';
const MIN = 60_000;

let app: ReturnType<typeof createTestApp>;
let browser: Browser;
let base: string;
let ref = '';
let other = '';

beforeAll(async () => {
  // Friday 27 November 2026, 10:00 in Jakarta.
  const clock = new ManualClock();
  app = createTestApp({ config: testConfig({ ...casesTestEnv, DEFAULT_LANGUAGE: 'en' }), http: true, clock });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
  await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, clock.now());
  const officer = await startOfficer(app, 'en');
  const u = await startUser(app, 'id');
  await typeAll(u, ['1', '1', '1', '1', '1', '-', '-', '-', 'Gaji saya tidak dibayar tiga bulan.', 'selesai', '-', '1']);
  ref = refAndPin(await u.say('1')).ref;
  await u.say('1');
  const w = await startUser(app, 'en');
  await typeAll(w, ['1', '1', '1', '3', '1', '-', '-', '-', 'My passport is held by my employer.', 'done', '-', '1']);
  other = refAndPin(await w.say('1')).ref;
  // 90 minutes later the officer answers, then closes the first case.
  clock.advance(90 * MIN);
  await officer.say(`/reply ${ref} Kami sudah menghubungi agensi Anda.`);
  clock.advance(30 * MIN);
  await officer.say(`/status ${ref} closed`);
  clock.advance(QUIET_MS);
  expect(askSatisfaction(app.services)).toBe(1);
  u.replies();
  await u.say('4');
  await u.say('Petugas membantu dengan cepat.');
  browser = await launchBrowser();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

describe('service report', () => {
  it('CSV: one row per group, durations in minutes and hours, the rating counted', async () => {
    const c = new DashboardClient(base);
    expect(await c.login('ana', PASSWORD)).toBe(303);
    const res = await c.get('/dashboard/service/report.csv?from=2026-11-23&to=2026-11-29');
    expect(res.status).toBe(200);
    const lines = res.html.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      'dimension,group,label,first_responses,first_response_median_minutes,first_response_p90_minutes,resolved,resolution_median_hours,resolution_p90_hours,satisfaction_answers,satisfaction_average',
    );
    // First reply after 90 min, closed after 2 h; one rating of 4.
    expect(lines[1]).toBe('all,,,1,90,90,1,2,2,1,4');
    expect(lines).toContain('week,2026-11-23,23-11-2026,1,90,90,1,2,2,1,4');
    expect(lines).toContain('team,none,No team,1,90,90,1,2,2,1,4');
    expect(lines).toContain('category,complaint:wages_unpaid,Wages not paid,1,90,90,1,2,2,1,4');
    // A week with nothing in it still has its row, empty.
    const empty = await c.get('/dashboard/service/report.csv?from=2026-11-16&to=2026-11-22');
    expect(empty.html.replace(/^\uFEFF/, '').trimEnd().split('\r\n')).toEqual([lines[0], 'all,,,0,,,0,,,0,', 'week,2026-11-16,16-11-2026,0,,,0,,,0,']);
  });

  it('the page charts the stored satisfaction answer; the inbox shows time left and filters by SLA state', async () => {
    const ctx = await browser.newContext({ viewport: DESKTOP });
    const page = await ctx.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${base}/dashboard/login?next=/dashboard/service`);
    await page.fill('input[name=username]', 'ana');
    await page.fill('input[name=password]', PASSWORD);
    await page.click('button[type=submit]');
    await page.getByRole('heading', { name: 'Service report' }).waitFor();
    const sat = page.locator('#satisfaction');
    await expect.poll(() => sat.locator('[data-figure=satisfaction]').textContent()).toContain('1 ratings (1 asked, 0 skipped) · average 4 of 5');
    // The distribution chart: one bar, for "Satisfied" (4), with the value 1.
    const bars = sat.locator('figure.chart-bar g.bar');
    expect(await bars.count()).toBe(5);
    expect(await bars.nth(3).locator('title').textContent()).toBe('Satisfied: 1');
    expect(Number(await bars.nth(3).locator('rect').getAttribute('width'))).toBeGreaterThan(100);
    expect(Number(await bars.nth(0).locator('rect').getAttribute('width'))).toBe(0);
    await expect.poll(() => sat.locator('ul.comments li').first().textContent()).toContain('Petugas membantu dengan cepat.');
    expect(await page.locator('[data-figure=first-response]').textContent()).toBe('1 cases · median 1.5 h · 90th percentile 1.5 h');
    // Right now: the other case is open and on time.
    expect(await page.locator('[data-open-sla=on_time]').textContent()).toBe('On time: 1');
    expect(await page.locator('[data-open-sla=overdue]').textContent()).toBe('Overdue: 0');
    await screenshot(page, 'service-report');

    // The inbox: the other case (not answered) has its first-reply target running: 24 h from creation, 2 h 5 min gone.
    await page.goto(`${base}/dashboard/cases`);
    const row = page.locator('tr', { has: page.locator(`a:text-is("${other}")`) });
    expect(await row.locator('[data-sla]').getAttribute('data-sla')).toBe('on_time');
    expect(await row.locator('td.sla').textContent()).toContain('22 h left');
    await screenshot(page, 'inbox-sla');
    await page.goto(`${base}/dashboard/cases?status=open&sla=met`); // finished cases: "open" gives way to all
    expect(await page.locator('table.cases tbody tr').count()).toBe(1);
    expect(await page.locator('table.cases tbody tr a').first().textContent()).toBe(ref);
    await page.goto(`${base}/dashboard/cases?sla=overdue`);
    expect(await page.locator('table.cases tbody tr').count()).toBe(0);
    // The case page: the target met and the reporter's rating.
    await page.goto(`${base}/dashboard/cases/${ref}`);
    expect(await page.locator('.case-head [data-sla]').textContent()).toBe('resolution: Met');
    expect(await page.locator('.case-head [data-rating]').textContent()).toBe('rated 4 of 5');
    await ctx.close();
  });
});

