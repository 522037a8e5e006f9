/**
 * Attack: reading the data folder as another local user, and one secret opening another door.
 * DATA_DIR is 0700 and its database, WAL, SHM and secrets 0600 (corrected at start-up when a copy
 * left them readable); every secret is its own file in DATA_DIR/secrets, none in the database; a
 * web-chat cookie does not sign a dashboard login token; cookies are `__Host-` under https.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { openDatabase } from '../../store/db.js';
import { tempDataDir } from '../../testing/harness.js';
import { WebVisitor } from '../../testing/webVisitor.js';
import { startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});
const mode = (p: string) => fs.statSync(p).mode & 0o777;

describe('files and secrets', () => {
  it('a data folder left world-readable is 0700/0600 after start; secrets are files, one per purpose, none in the database', async () => {
    const dir = tempDataDir();
    fs.chmodSync(dir, 0o755);
    // An older install or a careless copy: the database world-readable.
    openDatabase(path.join(dir, 'helpline.sqlite')).close();
    for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
    const { app, base } = await startWebApp({ DATA_DIR: dir });
    apps.push(app);
    const v = new WebVisitor(base);
    await v.open();
    await v.post('hi');
    expect(mode(dir)).toBe(0o700);
    for (const f of ['helpline.sqlite', 'helpline.sqlite-wal', 'helpline.sqlite-shm']) expect({ f, mode: mode(path.join(dir, f)) }).toEqual({ f, mode: 0o600 });
    const secrets = fs.readdirSync(path.join(dir, 'secrets')).sort();
    expect(secrets).toEqual(expect.arrayContaining(['dashboard-cookie.key', 'webchat-cookie.key']));
    for (const s of secrets) expect(mode(path.join(dir, 'secrets', s))).toBe(0o600);
    expect(mode(path.join(dir, 'secrets'))).toBe(0o700);
    const keys = secrets.map((s) => fs.readFileSync(path.join(dir, 'secrets', s), 'utf8'));
    expect(new Set(keys).size).toBe(keys.length);
    expect(app.db.prepare("SELECT COUNT(*) FROM kv WHERE key LIKE 'secret.%'").pluck().get()).toBe(0);
  });

  it('a web-chat cookie does not sign a dashboard login token', async () => {
    const { app, base } = await startWebApp();
    apps.push(app);
    const v = new WebVisitor(base);
    await v.open();
    const signed = decodeURIComponent(v.cookie.split('=')[1]); // s:<chat id>.<signature>
    const chatId = signed.slice(2, signed.lastIndexOf('.'));
    const res = await fetch(`${base}/dashboard/login`, {
      method: 'POST',
      headers: { cookie: `helpline_login=${encodeURIComponent(signed)}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: chatId, username: 'ana', password: 'x'.repeat(20) }).toString(),
      redirect: 'manual',
    });
    expect(res.status).toBe(403);
  });

  it('under https the cookies are __Host- prefixed, Secure, Path=/', async () => {
    const { app, base } = await startWebApp({ PUBLIC_BASE_URL: 'https://helpline.example.org' });
    apps.push(app);
    const chat = (await fetch(`${base}/chat`)).headers.getSetCookie();
    const login = (await fetch(`${base}/dashboard/login`)).headers.getSetCookie();
    for (const c of [...chat, ...login]) {
      expect(c).toMatch(/^__Host-/);
      expect(c).toMatch(/; Path=\/;/);
      expect(c).toMatch(/; Secure/);
      expect(c).not.toMatch(/Domain=/i);
    }
    expect(chat).toHaveLength(1);
    expect(login).toHaveLength(1);
    console.log('attack files/secrets: folder 0700, files 0600, secrets per purpose outside the database, no cross-signing, __Host- cookies');
  });
});
