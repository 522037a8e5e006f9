/**
 * The dashboard's working pages in a real browser (Debian's Chromium) against the real app:
 * a case filed through the web chat is handled from the dashboard and the reporter sees the
 * answers in the open chat; gatherings, broadcasts, agency import, charts, export and CSRF.
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { WebchatChannel } from '../../channels/webchat.js';
import { systemClock } from '../../core/clock.js';
import { caseByRef, createCase } from '../../domain/cases/cases.js';
import { DESKTOP, PHONE, launchBrowser, screenshot } from '../../testing/browser.js';
import { RecordingChannel, TestUser, createTestApp, testConfig } from '../../testing/harness.js';
import { addOfficer } from '../../domain/officers/accounts.js';

const PASSWORD = 'correct horse battery staple';
const SCRIPT = '<script>window.__pwned = 1</script>';
/** A small striped PNG (a stand-in for a photo of a payslip). */
function makePng(w: number, h: number): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const td = Buffer.concat([Buffer.from(type), data]);
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(zlib.crc32(td));
    return Buffer.concat([len, td, crc]);
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr.set([8, 2, 0, 0, 0], 8);
  const rows = Buffer.alloc((w * 3 + 1) * h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) rows.set(Math.floor(y / 10) % 2 ? [240, 236, 220] : [40, 110, 90], y * (w * 3 + 1) + 1 + x * 3);
  return Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', zlib.deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}
const PNG = makePng(160, 100);

let app: App;
let browser: Browser;
let base: string;
let console_: RecordingChannel;
let officerId: number;

beforeAll(async () => {
  const config = testConfig({ DEFAULT_LANGUAGE: 'en' });
  console_ = new RecordingChannel('console');
  app = createTestApp({ config, http: true, clock: systemClock, channels: [new WebchatChannel({ config }), console_] });
  await app.start();
  base = `http://127.0.0.1:${app.port}`;
  officerId = (await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now())).officer.id;
  browser = await launchBrowser();
}, 30_000);

afterAll(async () => {
  await browser?.close();
  await app?.stop();
});

async function login(viewport: { width: number; height: number } = DESKTOP): Promise<{ ctx: BrowserContext; page: Page }> {
  const ctx = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await ctx.newPage();
  page.setDefaultTimeout(8000);
  await page.goto(`${base}/dashboard/login`);
  await page.fill('input[name=username]', 'ana');
  await page.fill('input[name=password]', PASSWORD);
  await page.click('button[type=submit]');
  await page.getByRole('heading', { name: 'Overview' }).waitFor();
  return { ctx, page };
}

/** Types into the web chat and waits for the bot to answer. */
async function chatSay(page: Page, text: string): Promise<void> {
  const before = await page.locator('.msg-out').count();
  await page.fill('#text', text);
  await page.press('#text', 'Enter');
  await page.waitForFunction((n) => document.querySelectorAll('.msg-out').length > n, before);
}

const audits = (action: string) =>
  app.db.prepare('SELECT actor, subject, detail FROM audit WHERE action = ? ORDER BY id').all(action) as { actor: string; subject: string | null; detail: string | null }[];
const noPwn = async (page: Page) => expect(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

describe('dashboard pages in a browser', () => {
  let ref = '';

  it('a case filed through the web chat is found, read, answered and moved on; the reporter sees it in the open chat', async () => {
    // The reporter, in the real /chat page.
    const chatCtx = await browser.newContext({ viewport: PHONE });
    const chat = await chatCtx.newPage();
    chat.setDefaultTimeout(8000);
    await chat.goto(`${base}/chat`);
    await chat.waitForSelector('#chat[data-ready="1"]');
    await chat.click('#start');
    await chat.getByRole('button', { name: 'English' }).click();
    await chat.getByRole('button', { name: 'No, thank you' }).click();
    await chat.getByText('How can we help?').waitFor();
    for (const answer of ['1', '1', '1', '1', '1', 'Kowloon', 'Siti Aminah', 'PT Maju Jaya', `My employer has not paid me for 3 months ${SCRIPT}`, 'done', '-', '1']) {
      await chatSay(chat, answer);
    }
    await chat.getByText('Is this correct?').last().waitFor();
    await chatSay(chat, '1');
    await chat.getByText(/BWI-\d{4}-\d{4}/).first().waitFor();
    ref = /BWI-\d{4}-\d{4}/.exec((await chat.locator('.log').textContent()) ?? '')![0];
    expect(caseByRef(app.db, ref)).toMatchObject({ category: 'wages_unpaid', country: 'HK', workerName: 'Siti Aminah', status: 'new' });

    // A photo and a voice note, as the media worker stores them.
    const c = caseByRef(app.db, ref)!;
    const dir = path.join(app.config.DATA_DIR, 'media', ref);
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'photo.png'), PNG);
    fs.writeFileSync(path.join(dir, 'voice.ogg'), Buffer.from('OggS fake voice note'));
    const attach = app.db.prepare(
      `INSERT INTO attachments (case_id, channel, kind, mime, size, sha256, path, state, next_attempt_at, created_at) VALUES (?, 'webchat', ?, ?, ?, 'abc123', ?, 'stored', 0, ?)`,
    );
    const photoId = Number(attach.run(c.id, 'image', 'image/png', PNG.length, path.join('media', ref, 'photo.png'), Date.now()).lastInsertRowid);
    attach.run(c.id, 'voice', 'audio/ogg', 20, path.join('media', ref, 'voice.ogg'), Date.now());

    // The officer finds it in the inbox: the story is text, not markup.
    const { ctx, page } = await login();
    await page.getByRole('link', { name: 'Cases' }).click();
    await page.getByRole('heading', { name: 'Cases' }).waitFor();
    const row = page.locator('tr', { hasText: ref });
    expect(await row.locator('td.story').textContent()).toContain(SCRIPT);
    expect(await row.textContent()).toContain('Wages not paid');
    expect(await page.locator('.tabs a[aria-current]').textContent()).toMatch(/Open\s*1/);
    await noPwn(page);
    await screenshot(page, 'pages-1-inbox-desktop');
    // Search by name and by reference.
    await page.fill('input[name=q]', 'siti');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.locator('tr', { hasText: ref }).waitFor();
    await page.fill('input[name=q]', 'nobody-like-this');
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByText('No case matches these filters.').waitFor();
    await page.fill('input[name=q]', ref.toLowerCase());
    await page.getByRole('button', { name: 'Filter' }).click();
    await page.getByRole('link', { name: ref }).click();

    // The case page: story as text, evidence previews, history; the view is audited.
    await page.getByRole('heading', { name: `Case ${ref}` }).waitFor();
    expect(await page.locator('.story-text').textContent()).toContain(SCRIPT);
    expect(await page.locator('script:not([src])').count()).toBe(0);
    await noPwn(page);
    expect(await page.locator('.files img').count()).toBe(1);
    expect(await page.locator('.files audio').count()).toBe(1);
    // The preview really loads through the authenticated route (lazy images load once laid out).
    await page.waitForFunction(() => (document.querySelector('.files img') as HTMLImageElement | null)?.naturalWidth === 160, undefined, { timeout: 15_000 });
    expect(audits('case_viewed')).toContainEqual({ actor: `officer:${officerId}`, subject: ref, detail: null });
    const file = await page.request.get(`${base}/dashboard/cases/${ref}/files/${photoId}`);
    expect(file.headers()['content-type']).toBe('image/png');
    expect(file.headers()['content-disposition']).toBe(`inline; filename="${ref}-${photoId}.png"`);
    expect(file.headers()['cache-control']).toBe('private, no-store');
    const download = await page.request.get(`${base}/dashboard/cases/${ref}/files/${photoId}?download=1`);
    expect(download.headers()['content-disposition']).toMatch(/^attachment;/);
    expect(audits('evidence_viewed').filter((a) => a.subject === ref).length).toBeGreaterThanOrEqual(3);
    // Files are never served without a session.
    const anonymous = await fetch(`${base}/dashboard/cases/${ref}/files/${photoId}`, { redirect: 'manual' });
    expect(anonymous.status).toBe(303);
    await screenshot(page, 'pages-2-case-desktop');

    // Reply: it reaches the open chat without a reload.
    await page.fill('form[action$="/reply"] textarea', 'We have contacted your agency. Please keep your payslips.');
    await page.getByRole('button', { name: 'Send reply' }).click();
    await page.getByText('Reply sent to the reporter.').waitFor();
    await chat.getByText('We have contacted your agency. Please keep your payslips.').waitFor({ timeout: 10_000 });
    // Status with a note: reaches the chat too.
    await page.selectOption('form[action$="/status"] select[name=status]', 'in_progress');
    await page.fill('form[action$="/status"] textarea', 'The agency promised to pay by Friday.');
    await page.getByRole('button', { name: 'Save status' }).click();
    await page.getByText('Status changed; the reporter was told.').waitFor();
    await chat.getByText('The agency promised to pay by Friday.').waitFor({ timeout: 10_000 });
    await screenshot(chat, 'pages-3-webchat-reply-phone', false);
    await chatCtx.close();

    // Taken by replying, refer to the police, an internal note: all in the history.
    // Replying to a case nobody held already made it ana's.
    await page.getByText('You are handling this case.').waitFor();
    await page.selectOption('form[action$="/refer"] select[name=target]', 'police');
    await page.fill('form[action$="/refer"] textarea', 'Police report number 12/2026.');
    await page.getByRole('button', { name: 'Refer', exact: true }).click();
    await page.getByText('Case referred').waitFor();
    await page.fill('form[action$="/note"] textarea', 'Reporter prefers evening calls.');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByText('Note added.').waitFor();
    const history = (await page.locator('.history').textContent()) ?? '';
    for (const bit of ['filed the case', 'replied', 'set the status to "in progress"', 'case taken by ana', 'set the status to "referred"', 'Referred to: Police', 'Reporter prefers evening calls.']) {
      expect(history).toContain(bit);
    }
    expect(caseByRef(app.db, ref)).toMatchObject({ status: 'referred' });
    expect(app.db.prepare('SELECT assignee_officer_id FROM cases WHERE ref = ?').pluck().get(ref)).toBe(officerId);
    // The internal note never went to the reporter.
    const toReporter = app.db.prepare("SELECT payload FROM outbox WHERE channel = 'webchat'").pluck().all() as string[];
    expect(toReporter.join('\n')).not.toContain('evening calls');
    expect(toReporter.join('\n')).toContain('Police report number 12/2026.');
    await screenshot(page, 'pages-4-case-history-desktop');

    // "Assigned to me" finds it; the phone layout does not scroll sideways.
    await page.goto(`${base}/dashboard/cases?mine=1&status=all`);
    await page.locator('tr', { hasText: ref }).waitFor();
    await ctx.close();
    const phone = await login(PHONE);
    await phone.page.goto(`${base}/dashboard/cases/${ref}`);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'pages-5-case-phone');
    await phone.page.goto(`${base}/dashboard/cases`);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'pages-6-inbox-phone');
    await phone.ctx.close();
  }, 60_000);

  it('exports the cases as CSV with formula cells neutralised, and audits the export', async () => {
    const now = Date.now();
    createCase(app.db, {
      reporterContactId: null,
      anonymous: true,
      category: 'other',
      country: 'OTHER',
      countryText: '=HYPERLINK("http://evil.example","x")',
      description: 'story stays out of the export',
      now,
      config: app.config,
    });
    // The home district goes in the export (a district, not the village: a village can point at one family).
    app.db.prepare("UPDATE cases SET home_district = 'glagah', home_village = 'Kemiren' WHERE anonymous = 1").run();
    const { ctx, page } = await login();
    await page.goto(`${base}/dashboard/cases?status=all`);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toMatch(/^cases-\d{8}-\d{4}\.csv$/);
    const csv = fs.readFileSync((await download.path())!, 'utf8');
    const lines = csv.replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('reference,kind,category,category_label,country,country_label,status,urgent,reported_by,created,updated,first_action,assigned_to,team,home_district,first_response,resolved');
    expect(lines).toHaveLength(3);
    expect(lines.find((l) => l.startsWith(ref))).toContain(',complaint,wages_unpaid,Wages not paid,HK,Hong Kong,referred,0,self,');
    expect(csv).toContain(`"'=HYPERLINK(""http://evil.example"",""x"")"`);
    expect(lines.find((l) => !l.startsWith(ref) && !l.startsWith('reference'))).toContain(',glagah,');
    expect(csv).not.toContain('Kemiren');
    expect(csv).not.toContain('Siti');
    expect(csv).not.toContain('story stays out');
    expect(audits('cases_exported').at(-1)).toMatchObject({ actor: expect.stringMatching(/^officer:\d+$/), subject: 'status=all', detail: '2 of 2 rows' });
    await ctx.close();
  });

  it('a gathering created on the page is offered to a user in the chat, and can be moved and cancelled', async () => {
    const { ctx, page } = await login();
    await page.getByRole('link', { name: 'Gatherings' }).click();
    await page.getByText('No gathering is planned.').waitFor();
    const start = new Date(Date.now() + 3 * 86400_000);
    const local = `${start.toISOString().slice(0, 10)}T14:00`;
    await page.fill('input[name=title_id]', 'Silaturahmi keluarga Hong Kong');
    await page.fill('input[name=title_en]', 'Hong Kong family gathering');
    await page.fill('#create input[name=start]', local);
    await page.fill('input[name=link]', 'javascript:alert(1)');
    await page.selectOption('select[name=audience]', 'everyone');
    await page.getByRole('button', { name: 'Create gathering' }).click();
    // A bad link is refused with the form kept.
    await page.getByText('A link starting with https://').waitFor();
    expect(await page.inputValue('input[name=title_en]')).toBe('Hong Kong family gathering');
    await page.fill('input[name=link]', 'https://meet.example.org/hk-family');
    await page.selectOption('select[name=recurrence]', 'weekly');
    await page.getByRole('button', { name: 'Create gathering' }).click();
    await page.getByText('Gathering created.').waitFor();
    const row = page.locator('table.gatherings tbody tr').first();
    expect(await row.textContent()).toContain('Hong Kong family gathering');
    expect(await row.locator('.ans-yes').textContent()).toContain('Yes 0');
    expect(audits('gathering_created').at(-1)?.actor).toBe(`officer:${officerId}`);

    // A user sees it in the chat and says yes; the count follows.
    const u = new TestUser(app);
    await u.start('en');
    await u.say('4');
    expect((await u.say('1')).join('\n')).toContain('Hong Kong family gathering');
    await u.say('1');
    expect((await u.say('1')).join('\n')).toContain('meet.example.org/hk-family');
    await page.reload();
    expect(await page.locator('table.gatherings tbody tr').first().locator('.ans-yes').textContent()).toContain('Yes 1');
    await screenshot(page, 'pages-7-gatherings-desktop');
    const phone = await login(PHONE);
    await phone.page.goto(`${base}/dashboard/gatherings`);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'pages-8-gatherings-phone');
    await phone.ctx.close();

    // Moving the first occurrence tells the yes-sayer; cancelling the series too.
    const firstRow = page.locator('table.gatherings tbody tr').first();
    await firstRow.locator('input[name=start]').fill(`${start.toISOString().slice(0, 10)}T16:30`);
    await firstRow.getByRole('button', { name: 'Move' }).click();
    await page.getByText('Gathering moved').waitFor();
    expect(u.replies().join('\n')).toMatch(/16:30/);
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Cancel the series' }).click();
    await page.getByText('Series cancelled').waitFor();
    expect(u.replies().join('\n')).toContain('Hong Kong family gathering');
    await page.getByText('No gathering is planned.').waitFor();
    await ctx.close();
  }, 30_000);

  it('a broadcast is composed with a live count, previewed with the missing-language warning, confirmed, and its progress shown', async () => {
    const subscribers = [new TestUser(app), new TestUser(app), new TestUser(app)];
    await subscribers[0].start('en', true);
    await subscribers[1].start('id', true);
    await subscribers[2].start('jv', true);
    await new TestUser(app).start('en', false); // said no: never counted
    const { ctx, page } = await login();
    await page.getByRole('link', { name: 'Broadcasts' }).click();
    const out = page.locator('#audience-count');
    await page.waitForFunction(() => /^\d+ subscribers/.test(document.querySelector('#audience-count')?.textContent ?? ''));
    expect(await out.textContent()).toMatch(/^3 subscribers/);
    // The live count follows the audience without a page load.
    await page.selectOption('select[name=language]', 'en');
    await page.selectOption('select[name=kind]', 'language');
    await page.waitForFunction(() => /^1 subscribers/.test(document.querySelector('#audience-count')?.textContent ?? ''));
    const counted = await page.request.get(`${base}/dashboard/broadcasts/count?kind=language&language=jv`);
    expect(await counted.json()).toEqual({ recipients: 1, skipped: 0 });
    await page.selectOption('select[name=kind]', 'everyone');
    await page.fill('textarea[name=text_id]', 'Silaturahmi online hari Minggu jam 14.00 WIB.');
    await page.fill('textarea[name=text_en]', 'Online gathering on Sunday at 14:00 WIB.');
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('heading', { name: 'Check and confirm' }).waitFor();
    expect(await page.locator('#confirm-count').textContent()).toMatch(/^3 subscribers/);
    expect(await page.locator('.warning').allTextContents()).toEqual(['No text in Basa Jawa: those subscribers will get the Indonesian text.']);
    expect(await page.locator('.preview pre').nth(1).textContent()).toContain('Online gathering on Sunday at 14:00 WIB.');
    await screenshot(page, 'pages-9-broadcast-confirm-desktop');
    await page.getByRole('button', { name: 'Confirm and send now' }).click();
    await page.getByText('Announcement is being sent.').waitFor();
    // Progress: reload until every message went out.
    for (let i = 0; i < 20 && (await page.locator('table.broadcasts tbody tr').first().getAttribute('data-state')) !== 'done'; i++) {
      await new Promise((r) => setTimeout(r, 200));
      await page.reload();
    }
    const row = page.locator('table.broadcasts tbody tr').first();
    expect(await row.getAttribute('data-state')).toBe('done');
    expect(await row.locator('.progress-counts').textContent()).toBe('3 sent · 0 failed · 0 skipped · 0 remaining');
    expect(console_.textsTo(subscribers[0].chatId).join('\n')).toContain('Online gathering on Sunday at 14:00 WIB.');
    expect(console_.textsTo(subscribers[2].chatId).join('\n')).toContain('Silaturahmi online hari Minggu');
    expect(audits('broadcast_created').at(-1)?.actor).toBe(`officer:${officerId}`);
    await screenshot(page, 'pages-10-broadcasts-desktop');

    // A scheduled one can be cancelled before it goes.
    const later = new Date(Date.now() + 2 * 86400_000).toISOString().slice(0, 10);
    await page.fill('textarea[name=text_id]', 'Pengumuman terjadwal.');
    await page.fill('input[name=at]', `${later}T09:00`);
    await page.getByRole('button', { name: 'Preview' }).click();
    await page.getByRole('button', { name: 'Confirm and schedule' }).click();
    await page.getByText('Announcement scheduled.').waitFor();
    page.once('dialog', (d) => void d.accept());
    await page.locator('table.broadcasts tbody tr').first().getByRole('button', { name: 'Cancel' }).click();
    await page.getByText('Announcement cancelled.').waitFor();
    expect(await page.locator('table.broadcasts tbody tr').first().getAttribute('data-state')).toBe('cancelled');
    const phone = await login(PHONE);
    await phone.page.goto(`${base}/dashboard/broadcasts`);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'pages-11-broadcasts-phone');
    await phone.ctx.close();
    await ctx.close();
  }, 30_000);

  it('an agency CSV upload shows the import report with bad lines; unmatched lookups are listed', async () => {
    app.db
      .prepare("INSERT INTO agency_lookups (day, query_norm, result, count) VALUES (?, 'pt sukses abadi jaya', 'not_found', 4)")
      .run(new Date().toISOString().slice(0, 10));
    const { ctx, page } = await login();
    await page.getByRole('link', { name: 'Agencies' }).click();
    await page.getByRole('heading', { name: 'Active register' }).waitFor();
    expect(await page.locator('.register').textContent()).toContain('FICTIONAL');
    expect(await page.locator('table.lookups').textContent()).toContain('pt sukses abadi jaya');
    const csv = [
      'nama,nomor_izin,status,berlaku_sampai',
      'PT Amanah Sejahtera,SIP3MI/001/2024,aktif,2027-01-31',
      'PT Bina Karya,SIP3MI/002/2024,dicabut,',
      'PT Tanpa Status,SIP3MI/003/2024,,',
    ].join('\n');
    await page.setInputFiles('input[type=file]', { name: 'register.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
    await page.getByRole('button', { name: 'Import' }).first().click();
    // A preview first: the 2 agencies replace the 200 of the fictional sample, so the whole register is replaced on purpose.
    await page.getByRole('heading', { name: 'Check before applying' }).waitFor();
    expect(await page.locator('.preview .counts').textContent()).toContain('adds 2, changes 0 and removes 200');
    await page.getByRole('button', { name: 'Apply this register' }).click();
    await page.getByText('Tick "Replace the whole register"', { exact: false }).waitFor();
    await page.locator('input[name=replace_whole]').check();
    await page.getByRole('button', { name: 'Apply this register' }).click();
    await page.getByRole('heading', { name: 'Import report' }).waitFor();
    expect(await page.locator('.report [role=status]').textContent()).toBe('Imported: 2 agencies loaded, 1 rows rejected.');
    expect(await page.locator('table.problems td').first().textContent()).toBe('4');
    expect(await page.locator('.register').textContent()).toContain('register.csv');
    expect(await page.locator('.register').textContent()).not.toContain('FICTIONAL');
    expect(audits('agencies_import').at(-1)).toMatchObject({ actor: `officer:${officerId}`, detail: 'imported: 2 loaded, 1 rejected' });
    await screenshot(page, 'pages-12-agencies-desktop');
    // Pasted text goes through the same importer: the same content changes nothing.
    await page.goto(`${base}/dashboard/agencies`);
    await page.locator('details summary').click();
    await page.fill('textarea[name=csv]', csv);
    await page.locator('details').getByRole('button', { name: 'Import' }).click();
    await page.getByText('Unchanged: this file is the list already active (2 agencies).').waitFor();
    await ctx.close();
  });

  it('the overview draws the case, country, age, agency and attendance charts as SVG bars', async () => {
    const { ctx, page } = await login();
    const captions = await page.locator('figcaption').allTextContents();
    expect(captions).toEqual([
      'New cases per week by problem (last 8 weeks)',
      'Cases by destination country',
      'Open cases by age',
      'Agencies looked up but not in the register (last 30 days)',
      'Answers per gathering (recent and next)',
      'Messages sent per day (last 14 days)',
      'Contacts by language',
      'Outgoing messages by state',
      'Cases by home district',
    ]);
    const chart = (i: number) => page.locator('figure.chart').nth(i);
    expect(await chart(0).locator('g.bar rect').count()).toBeGreaterThanOrEqual(1);
    expect(await chart(0).locator('.legend-item text').allTextContents()).toContain('Wages not paid');
    expect(await chart(1).locator('text').allTextContents()).toEqual(expect.arrayContaining(['Hong Kong', 'Other country']));
    expect(await chart(2).locator('g.bar').count()).toBe(5);
    expect(await chart(3).locator('g.bar title').allTextContents()).toEqual(['pt sukses abadi jaya: 4']);
    expect(await page.locator('svg image, svg foreignObject, img[src^="http"]').count()).toBe(0);
    await screenshot(page, 'pages-13-overview-desktop');
    await ctx.close();
    const phone = await login(PHONE);
    expect(await phone.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(phone.page, 'pages-14-overview-phone');
    await phone.ctx.close();
  });

  it('every new form refuses a POST without the CSRF token (403) and changes nothing', async () => {
    const { ctx, page } = await login();
    const before = audits('dashboard_csrf_refused').length;
    const events = app.db.prepare('SELECT COUNT(*) FROM case_events').pluck().get();
    const paths = [
      `/dashboard/cases/${ref}/reply`,
      `/dashboard/cases/${ref}/status`,
      `/dashboard/cases/${ref}/assign`,
      `/dashboard/cases/${ref}/refer`,
      `/dashboard/cases/${ref}/note`,
      '/dashboard/gatherings/create',
      '/dashboard/gatherings/occurrences/1/move',
      '/dashboard/gatherings/occurrences/1/cancel',
      '/dashboard/gatherings/series/1/cancel',
      '/dashboard/gatherings/series/1/time',
      '/dashboard/broadcasts/compose',
      '/dashboard/broadcasts/1/cancel',
      '/dashboard/agencies/import',
    ];
    for (const p of paths) {
      const res = await page.request.post(`${base}${p}`, { form: { text: 'forged', status: 'closed', target: 'police', action: 'confirm', text_id: 'x', csv: 'a,b' }, maxRedirects: 0 });
      expect(res.status(), p).toBe(403);
    }
    const upload = await page.request.post(`${base}/dashboard/agencies/import`, { multipart: { file: { name: 'x.csv', mimeType: 'text/csv', buffer: Buffer.from('nama,nomor_izin,status\nA,B,aktif') } }, maxRedirects: 0 });
    expect(upload.status()).toBe(403);
    expect(audits('dashboard_csrf_refused').length).toBe(before + paths.length + 1);
    expect(app.db.prepare('SELECT COUNT(*) FROM case_events').pluck().get()).toBe(events);
    expect(caseByRef(app.db, ref)?.status).toBe('referred');
    await ctx.close();
  });
});
