/**
 * Teams in a real browser (Debian's Chromium): an admin creates teams, a member and a routing
 * rule on the Teams page; a new case lands in the team; the member finds it under "My teams'
 * cases" and refers it to another team from the case page; the reporter is told in Javanese.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { systemClock } from '../../core/clock.js';
import { DESKTOP, launchBrowser, screenshot } from '../../testing/browser.js';
import { createTestApp, testConfig } from '../../testing/harness.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { caseById, caseEvents, createCase } from '../../domain/cases/cases.js';
import { teamOfCase } from '../../domain/cases/teams.js';

const PASSWORD = 'correct horse battery staple';

let app: App;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const config = testConfig({ DEFAULT_LANGUAGE: 'en' });
  app = createTestApp({ config, http: true, clock: systemClock });
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

async function login(username: string): Promise<Page> {
  const ctx = await browser.newContext({ viewport: DESKTOP });
  const page = await ctx.newPage();
  // The test machine is shared and often loaded.
  page.setDefaultTimeout(15_000);
  await page.goto(`${base}/dashboard/login?next=/dashboard/cases`);
  await page.fill('input[name=username]', username);
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.getByRole('heading', { name: 'Cases' }).waitFor();
  return page;
}

describe('teams in a browser', () => {
  it('an admin sets up teams and a rule; the member works the team inbox and refers a case to another team', async () => {
    const ana = await login('ana');
    await ana.goto(`${base}/dashboard/teams`);
    await ana.fill('form[action="/dashboard/teams"] input[name=name]', 'BP3MI Jawa Timur');
    await ana.click('form[action="/dashboard/teams"] button[type=submit]');
    await ana.getByText('The team was created.').waitFor();
    await ana.fill('form[action="/dashboard/teams"] input[name=name]', 'Regency desk');
    await ana.click('form[action="/dashboard/teams"] button[type=submit]');
    // The same name twice is refused.
    await ana.fill('form[action="/dashboard/teams"] input[name=name]', 'regency DESK');
    await ana.click('form[action="/dashboard/teams"] button[type=submit]');
    await ana.getByText('Another team already has that name.').waitFor();

    const bp3mi = ana.locator('section.team[data-team="BP3MI Jawa Timur"]');
    await bp3mi.locator('select[name=officer]').selectOption({ label: 'budi' });
    await bp3mi.getByRole('button', { name: 'Add member' }).click();
    await ana.getByText('The officer was added to the team.').waitFor();
    expect(await ana.locator('section.team[data-team="BP3MI Jawa Timur"] .team-members').innerText()).toContain('budi');

    const rule = ana.locator('form.rule-add');
    await rule.locator('select[name=category]').selectOption('wages_unpaid');
    await rule.locator('select[name=team]').selectOption({ label: 'BP3MI Jawa Timur' });
    await rule.getByRole('button', { name: 'Add rule' }).click();
    await ana.getByText('The rule was added.').waitFor();
    expect(await ana.locator('table.rules tbody tr').first().innerText()).toMatch(/Wages not paid\s+Any\s+BP3MI Jawa Timur/);
    await screenshot(ana, 'teams-page');

    // A Javanese worker's report about unpaid wages lands in the team.
    const reporter = app.contacts.upsert('console', 'jv-worker', Date.now(), false);
    app.contacts.applyPatch(reporter.id, { language: 'jv' });
    const { id, ref } = app.notifier.transaction(() =>
      createCase(app.db, { reporterContactId: reporter.id, category: 'wages_unpaid', country: 'HK', language: 'jv', now: Date.now(), config: app.config }),
    );
    expect(teamOfCase(app.db, id)?.name).toBe('BP3MI Jawa Timur');

    // budi (a plain officer) may not manage teams, but finds the case in his team's inbox.
    const budi = await login('budi');
    const refused = await budi.goto(`${base}/dashboard/teams`);
    expect(refused?.status()).toBe(403);
    await budi.goto(`${base}/dashboard/cases`);
    await budi.getByRole('link', { name: "My teams' cases" }).click();
    const row = budi.locator('table.cases tbody tr', { hasText: ref });
    expect(await row.locator('td.team').innerText()).toBe('BP3MI Jawa Timur');
    expect(await budi.locator('table.cases tbody tr').count()).toBe(1);
    await row.getByRole('link', { name: ref }).click();
    await budi.locator('#case-team').getByText('team: BP3MI Jawa Timur').waitFor();

    // Refer it to the regency desk: recorded, and the reporter is told in Javanese.
    await budi.locator('.team-card select[name=team]').selectOption({ label: 'Regency desk' });
    await budi.getByRole('button', { name: 'Move to this team' }).click();
    await budi.getByText('The case was moved to the team. The reporter has been told.').waitFor();
    await budi.locator('#case-team').getByText('team: Regency desk').waitFor();
    expect(await budi.locator('#case-history').innerText()).toContain('moved the case to team');
    await screenshot(budi, 'teams-case-referred');
    expect(teamOfCase(app.db, id)?.name).toBe('Regency desk');
    expect(caseEvents(app.db, id).at(-1)).toMatchObject({ kind: 'team', text: 'Regency desk' });
    const told = app.db.prepare("SELECT payload FROM outbox WHERE chat_id = 'jv-worker' ORDER BY id DESC LIMIT 1").pluck().get() as string;
    expect(JSON.parse(told).text).toBe(`Laporan panjenengan ${ref} sapunika dipuntangani dening Regency desk. Panjenengan mboten perlu damel laporan malih.`);
    // Now the team filter by id shows it under the regency desk, and no longer under the first team.
    await budi.goto(`${base}/dashboard/cases?team=mine`);
    expect(await budi.locator('table.cases tbody tr').count()).toBe(0);
    // Moving a case between teams is not handling it: escalation still runs.
    expect(caseById(app.db, id)?.firstActionAt).toBeNull();

    // Names are escaped; forms without the CSRF token change nothing.
    await ana.goto(`${base}/dashboard/teams`);
    await ana.fill('form[action="/dashboard/teams"] input[name=name]', '<img src=x onerror=alert(1)> Desk');
    await ana.click('form[action="/dashboard/teams"] button[type=submit]');
    await ana.getByRole('heading', { name: '<img src=x onerror=alert(1)> Desk' }).waitFor();
    expect(await ana.locator('section.team img').count()).toBe(0);
    const teams = () => app.db.prepare('SELECT COUNT(*) FROM teams').pluck().get();
    const before = teams();
    expect((await ana.request.post(`${base}/dashboard/teams`, { form: { name: 'Forged' } })).status()).toBe(403);
    expect((await ana.request.post(`${base}/dashboard/cases/${ref}/team`, { form: { team: '1' } })).status()).toBe(403);
    expect(teams()).toBe(before);
    expect(teamOfCase(app.db, id)?.name).toBe('Regency desk');
  }, 120_000);
});
