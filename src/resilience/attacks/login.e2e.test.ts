/**
 * Attack: fresh sign-in tries from re-spelled usernames, and CSRF tokens leaking through URLs.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { DashboardClient } from '../../testing/dashboardClient.js';
import { LOGIN_ATTEMPTS_PER_USER } from '../../http/dashboard/auth.js';
import { startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});
const PASSWORD = 'correct horse battery staple';

describe('sign-in and forms', () => {
  it('padded, re-cased, full-width or zero-width spellings of a username share one limit', async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
    const spellings = [' ana', 'ANA', 'ana\u00a0', '\u200bana', 'ａｎａ', '\u3000Ana\t'];
    const statuses: number[] = [];
    for (const u of spellings) statuses.push(await new DashboardClient(base).login(u, 'wrong password'));
    expect(statuses.slice(0, LOGIN_ATTEMPTS_PER_USER)).toEqual(Array(LOGIN_ATTEMPTS_PER_USER).fill(401));
    expect(statuses.slice(LOGIN_ATTEMPTS_PER_USER)).toEqual([429]);
    // Even the right password is refused now, under any spelling.
    expect(await new DashboardClient(base).login('Ana ', PASSWORD)).toBe(429);
    console.log(`attack login: ${spellings.length + 1} tries with ${spellings.length} spellings of one username, ${statuses.filter((s) => s === 429).length + 1} throttled`);
  }, 90_000);

  it('no page puts a CSRF token in a URL; a token in the URL is refused; the upload form carries it in a multipart field', async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    await addOfficer(app.db, { username: 'ana', password: PASSWORD, role: 'admin' }, Date.now());
    const c = new DashboardClient(base);
    expect(await c.login('ana', PASSWORD)).toBe(303);
    const pages = ['/dashboard', '/dashboard/cases', '/dashboard/agencies', '/dashboard/broadcasts', '/dashboard/gatherings', '/dashboard/channels'];
    for (const p of pages) {
      const { html } = await c.get(p);
      expect(html, p).not.toMatch(/[?&]_csrf=/);
    }
    const token = await c.csrf();
    const inUrl = await c.post(`/dashboard/agencies/import?_csrf=${encodeURIComponent(token)}`, { csv: 'nama,nomor_izin,status\nPT A,1,aktif' });
    expect(inUrl.status).toBe(403);
    const upload = await c.upload('/dashboard/agencies/import', { _csrf: token }, { field: 'file', name: 'register.csv', content: 'nama,nomor_izin,status\nPT Contoh,KEP-1/2026,aktif\n' });
    expect(upload.status).toBeLessThan(500);
    expect(upload.status).not.toBe(403);
    console.log('attack csrf: no token in any URL; a token in the URL refused; upload accepted with the multipart field');
  }, 60_000);
});
