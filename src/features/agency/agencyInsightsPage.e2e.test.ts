/**
 * The officers' agency page in Debian's Chromium: an agency with linked reports ranks first, its
 * page shows reports by category and country, matched lookups, the licence history of two imports,
 * and a worker's review is approved from the page and then counts.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { systemClock } from '../../core/clock.js';
import { importAgencies } from '../../domain/agencies/importer.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { reviewsIn } from '../../domain/agencies/reviews.js';
import { TEST_REGISTER_CSV } from '../../testing/agencyRegister.js';
import { DESKTOP, launchBrowser, screenshot } from '../../testing/browser.js';
import { TestUser, createTestApp, testConfig } from '../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
let app: App;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const config = testConfig({ DEFAULT_LANGUAGE: 'en', AGENCY_REVIEWS_MIN: '1' });
  app = createTestApp({ config, http: true, clock: systemClock });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
  await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'officer' }, Date.now());
  const now = Date.now();
  importAgencies(app.db, TEST_REGISTER_CSV, { source: 'first import', now: now - 86_400_000 });
  // The second import suspends PT Contoh Bina Karya Mandiri: its history shows both.
  importAgencies(app.db, TEST_REGISTER_CSV.replace('UJI/SIP3MI/0002/2024,aktif', 'UJI/SIP3MI/0002/2024,skorsing'), { source: 'second import', now });
  const insert = app.db.prepare(
    `INSERT INTO cases (ref, kind, category, country, status, agency_license, created_at, updated_at) VALUES (?, 'complaint', ?, ?, 'new', ?, ?, ?)`,
  );
  insert.run('BWI-2612-0001', 'wages_unpaid', 'HK', 'UJI/SIP3MI/0002/2024', now, now);
  insert.run('BWI-2612-0002', 'wages_unpaid', 'TW', 'UJI/SIP3MI/0002/2024', now, now);
  insert.run('BWI-2612-0003', 'documents_held', 'HK', 'UJI/SIP3MI/0002/2024', now, now);
  insert.run('BWI-2612-0004', 'other', 'MY', 'UJI/SIP3MI/0006/2024', now, now);
  // A worker looks the agency up, and another rates it.
  const seeker = new TestUser(app, 'seeker');
  await seeker.start('en');
  await seeker.say('3');
  await seeker.say('1');
  await seeker.say('Bina Karya Mandiri');
  const rater = new TestUser(app, 'rater');
  await rater.start('en');
  for (const text of ['/rate', 'Bina Karya Mandiri', '1', '1', '2', '2', 'Kept my passport for two years.']) await rater.say(text);
  browser = await launchBrowser();
}, 40_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

it('ranks agencies by reports, shows one agency in full, and moderates a review', async () => {
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  page.setDefaultTimeout(20_000);
  await page.goto(`${base}/dashboard/login`);
  await page.fill('input[name=username]', 'ana');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.getByRole('heading', { name: 'Overview' }).waitFor();

  await page.getByRole('link', { name: 'Agency reports' }).click();
  const rows = page.locator('table.ranking tbody tr');
  await expect.poll(() => rows.count()).toBe(2);
  expect(await rows.nth(0).innerText()).toMatch(/PT Contoh Bina Karya Mandiri\s+suspended\s+3/);
  expect(await rows.nth(1).innerText()).toMatch(/PT Contoh Kancil Perkasa\s+licensed\s+1/);
  expect(await page.locator('section.reviews').innerText()).toContain('Kept my passport for two years.');

  await rows.nth(0).getByRole('link').click();
  await page.getByRole('heading', { name: 'PT Contoh Bina Karya Mandiri' }).waitFor();
  expect(await page.locator('dd.reports-total').innerText()).toBe('3');
  expect(await page.locator('dd.lookups').innerText()).toBe('1 (last 90 days: 1)'); // the seeker's lookup (a rating is not a lookup)
  const charts = await page.locator('figure, figcaption').allInnerTexts();
  expect(charts.join('\n')).toContain('Reports by category');
  expect(await page.locator('svg').first().innerHTML()).toContain('Wages not paid');
  const history = await page.locator('table.history tbody tr').allInnerTexts();
  expect(history).toHaveLength(2);
  expect(history[0]).toMatch(/licensed.*first import/s);
  expect(history[1]).toMatch(/suspended.*second import/s);
  await screenshot(page, 'agency-insights-desktop');

  // Hiding needs a reason; approving makes the review count in the public summary.
  await page.locator('section.reviews').getByRole('button', { name: 'Hide' }).click();
  await page.getByText('Choose approve, or give a reason to hide the review.').waitFor();
  await page.goBack();
  await page.locator('section.reviews').getByRole('button', { name: 'Approve' }).click();
  await page.locator('p.public-summary').waitFor();
  expect(await page.locator('p.public-summary').innerText()).toContain('1 workers answered: 1 were charged extra fees, 1 had their passport kept');
  expect(reviewsIn(app.db, 'approved')).toHaveLength(1);
  expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'agency_review_approved'").pluck().get()).toBe(1);
  await ctx.close();
}, 60_000);
