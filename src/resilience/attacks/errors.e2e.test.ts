/**
 * Attack: making the server talk. Malformed, oversized and wrongly typed bodies to every kind of
 * route get a short JSON answer: no stack, no file paths, no echo of the body; the log holds no
 * body either (a body here carries a name, a phone number and a PIN).
 */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../../testing/processes.js';
import type { App } from '../../app.js';
import { WebchatChannel } from '../../channels/webchat.js';
import { systemClock } from '../../core/clock.js';
import { createTestApp, testConfig } from '../../testing/harness.js';
import { memoryLog } from '../../testing/memoryLog.js';
import { WebVisitor } from '../../testing/webVisitor.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});

const TOKEN = 'k3Jr9-Qw7ZpL2xN8vB5tY1mC4hG6dF0sA_eU';
const SECRET_BODY = '{"name": "Siti Aminah", "phone": "+6281234567890", "pin": "493817", oops';

describe('errors', () => {
  it('malformed, oversized and unexpected bodies get a short JSON error without stack or echo, and are not logged', async () => {
    const mem = memoryLog('debug');
    const config = testConfig({ ADMIN_API_TOKEN: TOKEN, TELEGRAM_BOT_TOKEN: '' });
    const app = createTestApp({ config, http: true, clock: systemClock, log: mem.log, channels: [new WebchatChannel({ config })] });
    apps.push(app);
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    const visitor = new WebVisitor(base);
    await visitor.open();
    const auth = { authorization: `Bearer ${TOKEN}` };
    const attempts: { what: string; url: string; init: RequestInit; status: number }[] = [
      { what: 'api: malformed JSON', url: '/api/cases/BWI-2611-0001/replies', init: { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: SECRET_BODY }, status: 400 },
      { what: 'api: JSON too large', url: '/api/broadcasts', init: { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: `{"x":"${'a'.repeat(1_200_000)}"}` }, status: 413 },
      { what: 'web chat: malformed JSON', url: '/chat/api/messages', init: { method: 'POST', headers: { cookie: visitor.cookie, 'content-type': 'application/json' }, body: SECRET_BODY }, status: 400 },
      { what: 'web chat: too large', url: '/chat/api/messages', init: { method: 'POST', headers: { cookie: visitor.cookie, 'content-type': 'application/json' }, body: `{"text":"${'a'.repeat(100_000)}"}` }, status: 413 },
      { what: 'dashboard login: malformed form', url: '/dashboard/login', init: { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a'.repeat(300_000) }, status: 413 },
      { what: 'unknown route', url: '/nothing/here?pin=493817', init: {}, status: 404 },
    ];
    for (const a of attempts) {
      const res = await fetch(base + a.url, a.init);
      const text = await res.text();
      expect({ what: a.what, status: res.status }).toEqual({ what: a.what, status: a.status });
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      const body = JSON.parse(text) as { error: string };
      expect(body.error.length).toBeLessThan(60);
      for (const leak of ['Siti', '6281234567890', '493817', 'at ', '/src/', 'node_modules', 'SyntaxError', 'Unexpected']) expect(text, `${a.what} leaks ${leak}`).not.toContain(leak);
    }
    const log = mem.raw();
    for (const leak of ['Siti', '6281234567890', '493817', 'oops']) expect(log).not.toContain(leak);
    expect(log).toContain('"bodyError":"entity.parse.failed"');
    // `npm start` runs in production mode.
    const pkg = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toMatch(/^NODE_ENV=production /);
    console.log(`attack errors: ${attempts.length} malformed/oversized/unknown requests answered with short JSON; nothing echoed or logged`);
  });
});
