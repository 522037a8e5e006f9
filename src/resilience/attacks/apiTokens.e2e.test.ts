/**
 * Attack: the officer API's token. A short token stops start-up with a clear message; guessing is
 * limited per address (then even the right token is refused from there); the audit keeps one row
 * per kind of refusal with a count, not a row per guess.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { parseConfig } from '../../config.js';
import { API_FAILURES_PER_ADDRESS } from '../../http/apiAuth.js';
import { addressNo, startWebApp } from './attackKit.js';

const apps: App[] = [];
afterEach(async () => {
  for (const a of apps.splice(0)) await a.stop();
});
const TOKEN = 'Zp4Lq8Xv2Mk7Rb3Wn9Tc5Yh1Jd6Gf0Sa';

describe('API tokens', () => {
  it('a short or patterned ADMIN_API_TOKEN stops start-up with a clear message', () => {
    for (const weak of ['x', 'secret-token-123', 'abababababababababababababababab']) {
      expect(() => parseConfig({ ADMIN_API_TOKEN: weak })).toThrow(/ADMIN_API_TOKEN is too weak.*openssl rand -base64 32/);
    }
    expect(parseConfig({ ADMIN_API_TOKEN: TOKEN }).ADMIN_API_TOKEN).toBe(TOKEN);
  });

  it('1,000 wrong tokens from one address: 50 answered 401, the rest 429 (the right token too); 2 audit rows', async () => {
    const { app, base } = await startWebApp({ ADMIN_API_TOKEN: TOKEN });
    apps.push(app);
    const auditBefore = app.db.prepare('SELECT COUNT(*) FROM audit').pluck().get() as number;
    const call = (token: string, address: string) =>
      fetch(`${base}/api/cases`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': address } }).then(async (r) => (await r.text(), r.status));
    const statuses: number[] = [];
    const guesses = Array.from({ length: 1000 }, (_, i) => `guess-${String(i).padStart(4, '0')}-${TOKEN.slice(10)}`);
    for (let i = 0; i < guesses.length; i += 25) statuses.push(...(await Promise.all(guesses.slice(i, i + 25).map((g) => call(g, addressNo(3))))));
    expect(statuses.filter((s) => s === 401)).toHaveLength(API_FAILURES_PER_ADDRESS);
    expect(statuses.filter((s) => s === 429)).toHaveLength(1000 - API_FAILURES_PER_ADDRESS);
    expect(await call(TOKEN, addressNo(3))).toBe(429);
    expect(await call(TOKEN, addressNo(4))).toBe(200);
    const rows = app.db
      .prepare("SELECT a.action, COALESCE(r.repeats, 0) AS repeats FROM audit a LEFT JOIN audit_repeats r ON r.audit_id = a.id WHERE a.id > ? AND a.action LIKE 'api%' ORDER BY a.id")
      .all(auditBefore) as { action: string; repeats: number }[];
    expect(rows).toEqual([
      { action: 'api_refused', repeats: API_FAILURES_PER_ADDRESS - 1 },
      { action: 'api_throttled', repeats: 1000 - API_FAILURES_PER_ADDRESS },
    ]);
    console.log(`attack api tokens: 1,001 guesses from one address, ${API_FAILURES_PER_ADDRESS} answered 401 and ${1001 - API_FAILURES_PER_ADDRESS} refused 429; 2 audit rows`);
  }, 60_000);
});
