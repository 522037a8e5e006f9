/**
 * Attack: an officer account (or an officer chat) doing an admin's work. Broadcasting to everyone,
 * importing or replacing the agency register, exporting personal data and the WhatsApp QR are
 * refused on the dashboard, in the API (officer tokens) and in chat; a register import shows a
 * preview and replaces the whole register only when told so.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { issueOfficerApiToken } from '../../domain/officers/permissions.js';
import { DashboardClient } from '../../testing/dashboardClient.js';
import { TestUser } from '../../testing/harness.js';
import { tr } from '../../testing/cases.js';
import { startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});
const PASSWORD = 'correct horse battery staple';
const ADMIN_TOKEN = 'Qx7Lm2Zp9Kv4Rb8Wn3Tc5Yh1Jd6Gf0Sa';
const ONE_LINE = 'nama,nomor_izin,status\nPT Satu Baris,KEP-1/2026,aktif\n';
const count = (app: App, sql: string) => app.db.prepare(sql).pluck().get() as number;

async function setUp() {
  const { app, base } = await startWebApp({ ADMIN_API_TOKEN: ADMIN_TOKEN, DEFAULT_LANGUAGE: 'en' });
  apps.push(app);
  const ana = (await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now())).officer;
  const budi = (await addOfficer(app.db, { username: 'budi', password: PASSWORD, role: 'officer' }, Date.now())).officer;
  return { app, base, ana, budi };
}

describe('roles', () => {
  it('dashboard: an officer cannot broadcast to everyone, import the register or export cases; an admin can', async () => {
    const { app, base } = await setUp();
    const budi = new DashboardClient(base);
    expect(await budi.login('budi', PASSWORD)).toBe(303);
    const csrf = await budi.csrf();
    const compose = { _csrf: csrf, kind: 'everyone', text_id: 'Pengumuman palsu', action: 'confirm' };
    expect((await budi.post('/dashboard/broadcasts/compose', compose)).status).toBe(403);
    expect((await budi.upload('/dashboard/agencies/import', { _csrf: csrf }, { field: 'file', name: 'x.csv', content: ONE_LINE })).status).toBe(403);
    expect((await budi.get('/dashboard/cases/export.csv')).status).toBe(403);
    expect(count(app, 'SELECT COUNT(*) FROM broadcasts')).toBe(0);
    expect(count(app, 'SELECT COUNT(*) FROM agencies')).toBe(200);
    expect(count(app, "SELECT COUNT(*) FROM audit WHERE action = 'role_refused'")).toBe(3);

    const ana = new DashboardClient(base);
    expect(await ana.login('ana', PASSWORD)).toBe(303);
    const token = await ana.csrf();
    expect((await ana.post('/dashboard/broadcasts/compose', { ...compose, _csrf: token })).status).toBe(303);
    expect((await ana.get('/dashboard/cases/export.csv')).status).toBe(200);
    // The one-line register: a preview first, then "replace the whole register" is needed.
    const preview = await ana.upload('/dashboard/agencies/import', { _csrf: token }, { field: 'file', name: 'x.csv', content: ONE_LINE });
    expect(preview.html).toContain('adds 1, changes 0 and removes 200');
    const draft = /name="draft" value="(\d+)"/.exec(preview.html)![1];
    expect((await ana.post('/dashboard/agencies/import/confirm', { _csrf: token, draft })).status).toBe(409);
    expect(count(app, 'SELECT COUNT(*) FROM agencies')).toBe(200);
    expect((await ana.post('/dashboard/agencies/import/confirm', { _csrf: token, draft, replace_whole: 'yes' })).status).toBe(200);
    expect(count(app, 'SELECT COUNT(*) FROM agencies')).toBe(1);
  }, 60_000);

  it('API: officer tokens are refused admin work and the audit names the officer; the register import needs confirmation', async () => {
    const { app, base, budi } = await setUp();
    const budiToken = issueOfficerApiToken(app.db, budi.id, Date.now());
    const call = (token: string, method: string, path: string, body?: string, type = 'application/json') =>
      fetch(`${base}/api${path}`, { method, headers: { authorization: `Bearer ${token}`, 'content-type': type }, body }).then(async (r) => ({ status: r.status, json: (await r.json()) as Record<string, unknown> }));
    expect((await call(budiToken, 'POST', '/broadcasts', JSON.stringify({ audience: { kind: 'everyone' }, texts: { id: 'x' } }))).status).toBe(403);
    expect((await call(budiToken, 'POST', '/agencies/import?confirm=yes&replace=whole', ONE_LINE, 'text/csv')).status).toBe(403);
    expect((await call(budiToken, 'GET', '/whatsapp/qr')).status).toBe(403);
    expect((await call(budiToken, 'GET', '/cases')).status).toBe(200);
    expect(app.db.prepare("SELECT actor FROM audit WHERE action = 'role_refused'").pluck().all()).toEqual([`dashboard:${budi.id}`, `dashboard:${budi.id}`, `dashboard:${budi.id}`]);

    const preview = await call(ADMIN_TOKEN, 'POST', '/agencies/import', ONE_LINE, 'text/csv');
    expect(preview).toMatchObject({ status: 200, json: { outcome: 'preview', added: 1, removed: 200, current: 200 } });
    expect((await call(ADMIN_TOKEN, 'POST', '/agencies/import?confirm=yes', ONE_LINE, 'text/csv')).json).toMatchObject({ outcome: 'needs_replace_whole' });
    expect(count(app, 'SELECT COUNT(*) FROM agencies')).toBe(200);
    expect((await call(ADMIN_TOKEN, 'POST', '/agencies/import?confirm=yes&replace=whole', ONE_LINE, 'text/csv')).json).toMatchObject({ outcome: 'imported', loaded: 1 });
  }, 60_000);

  it('chat: an officer chat not linked to an admin account cannot broadcast to everyone', async () => {
    const { app } = await setUp();
    const officer = new TestUser(app, '9001', 'telegram');
    await officer.start('en');
    let last: string[] = [];
    for (const t of ['/broadcast', '1', 'Pengumuman palsu', '-', '-', '1', 'now', '1']) last = await officer.say(t);
    expect(last[0]).toBe(tr(app, 'en', 'broadcast.adminOnly', { max: 100 }));
    expect(count(app, 'SELECT COUNT(*) FROM broadcasts')).toBe(0);
    console.log('attack roles: officer broadcast to everyone, register import, case export, QR refused on dashboard, API and chat');
  });
});
