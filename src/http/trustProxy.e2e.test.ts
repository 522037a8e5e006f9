/** Behind a reverse proxy the client address comes from X-Forwarded-For only when TRUST_PROXY says so. */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../app.js';
import { createTestApp } from '../testing/harness.js';

let app: App;
afterEach(async () => {
  await app?.stop();
});

async function clientAddress(trust: string): Promise<string> {
  app = createTestApp({ http: true, env: { TRUST_PROXY: trust } });
  // The address express attributes the request to is what the rate limiters count by.
  app.http.get('/__whoami', (req, res) => void res.send(req.ip));
  await app.start();
  const res = await fetch(`http://127.0.0.1:${app.port}/__whoami`, { headers: { 'X-Forwarded-For': '203.0.113.7' } });
  return res.text();
}

describe('TRUST_PROXY', () => {
  it('by default a forged X-Forwarded-For is ignored: the address is the real peer', async () => {
    expect(await clientAddress('false')).toMatch(/127\.0\.0\.1/);
  });

  it("with 'loopback' (nginx on the same machine) each client is counted by its own address", async () => {
    expect(await clientAddress('loopback')).toBe('203.0.113.7');
  });
});
