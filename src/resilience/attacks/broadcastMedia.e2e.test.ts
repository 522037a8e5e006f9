/**
 * Attack: sending a case's evidence file to everyone as "broadcast media". Broadcast media come
 * only from the broadcast media folder (uploaded for that purpose); evidence paths, traversal and
 * symbolic links out of the folder are refused.
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});
const TOKEN = 'Mv3Kq8Zp2Lx7Rb4Wn9Tc1Yh5Jd6Gf0Sa';

describe('broadcast media', () => {
  it('case evidence cannot be sent as broadcast media; an uploaded poster can', async () => {
    const { app, base } = await startWebApp({ ADMIN_API_TOKEN: TOKEN });
    apps.push(app);
    const evidenceDir = path.join(app.config.DATA_DIR, 'media', 'BWI-2611-0001');
    fs.mkdirSync(evidenceDir, { recursive: true });
    fs.writeFileSync(path.join(evidenceDir, 'passport.jpg'), 'evidence');
    const mediaDir = path.join(app.config.DATA_DIR, 'broadcast-media');
    fs.mkdirSync(mediaDir, { recursive: true });
    fs.symlinkSync(path.join(evidenceDir, 'passport.jpg'), path.join(mediaDir, 'link.jpg'));
    const send = (p: string) =>
      fetch(`${base}/api/broadcasts`, {
        method: 'POST',
        headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
        body: JSON.stringify({ audience: { kind: 'everyone' }, texts: { id: 'Lihat' }, media: { path: p, mime: 'image/jpeg' } }),
      }).then((r) => r.status);
    const attempts = ['BWI-2611-0001/passport.jpg', '../media/BWI-2611-0001/passport.jpg', path.join(evidenceDir, 'passport.jpg'), 'link.jpg', '../helpline.sqlite', '../secrets/pin.key'];
    for (const p of attempts) expect({ p, status: await send(p) }).toEqual({ p, status: 400 });
    expect(app.db.prepare('SELECT COUNT(*) FROM broadcasts').pluck().get()).toBe(0);

    const up = await fetch(`${base}/api/broadcasts/media?name=poster.jpg`, { method: 'POST', headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'image/jpeg' }, body: 'jpeg' });
    expect(up.status).toBe(201);
    expect(fs.statSync(path.join(mediaDir, 'poster.jpg')).mode & 0o777).toBe(0o600);
    expect(await send('poster.jpg')).toBe(201);
    console.log(`attack broadcast media: ${attempts.length} evidence/traversal/symlink paths refused; an uploaded poster accepted`);
  });
});
