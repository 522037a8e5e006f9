import { afterEach, describe, expect, it } from 'vitest';
import type { App } from '../../app.js';
import { createTestApp, TestUser } from '../../testing/harness.js';

const TOKEN = 'test-token-gatherings-Xq7Zp9Lm2Kv4Rb8';
let app: App | undefined;
afterEach(async () => {
  await app?.stop();
  app = undefined;
});

async function started(): Promise<{ app: App; url: string }> {
  app = createTestApp({ http: true, env: { ADMIN_API_TOKEN: TOKEN } });
  await app.start();
  return { app, url: `http://127.0.0.1:${app.port}/api/gatherings` };
}

const auth = { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' };
const body = {
  title: { id: 'Silaturahmi Minggu kedua', en: 'Second Sunday gathering' },
  start: '2026-12-13T14:00',
  durationMinutes: 90,
  link: 'https://meet.example.org/api',
  audience: 'family',
  country: 'hk',
  capacity: 50,
  recurrence: 'monthly',
};

describe('gatherings API', () => {
  it('refuses requests without the right bearer token', async () => {
    const { url, app } = await started();
    expect((await fetch(url)).status).toBe(401);
    expect((await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(401);
    expect((await fetch(`${url}/1`, { method: 'DELETE', headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
    expect(app.db.prepare('SELECT COUNT(*) FROM gatherings').pluck().get()).toBe(0);
  });

  it('creates, lists and deletes a series; deleting tells those who said yes', async () => {
    const { url, app } = await started();
    const bad = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ ...body, link: 'not a link', start: '2020-01-01T10:00' }) });
    expect(bad.status).toBe(400);
    expect((await bad.json()).issues).toContain('link: an http(s) meeting link');

    const res = await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify(body) });
    expect(res.status).toBe(201);
    const created = await res.json();
    expect(created.occurrences.slice(0, 3).map((o: { startsAtHome: string }) => o.startsAtHome)).toEqual([
      '2026-12-13T14:00',
      '2027-01-10T14:00',
      '2027-02-14T14:00',
    ]);

    const family = new TestUser(app);
    await family.start('en');
    app.contacts.applyPatch(family.contact()!.id, { country: 'HK', audience: 'family' });
    for (const t of ['4', '1', '1', '1']) await family.say(t);
    family.replies();

    const list = await (await fetch(url, { headers: auth })).json();
    expect(list.gatherings).toHaveLength(1);
    expect(list.gatherings[0]).toMatchObject({ id: created.id, recurrence: 'monthly', audience: 'family', country: 'HK', capacity: 50 });
    expect(list.gatherings[0].next[0].answers).toEqual({ yes: 1, no: 0, maybe: 0 });

    const del = await fetch(`${url}/${created.id}`, { method: 'DELETE', headers: auth });
    expect(del.status).toBe(200);
    expect(await del.json()).toEqual({ id: created.id, cancelled: true, told: 1 });
    expect(family.replies()).toEqual([
      'Notice: the gathering series "Second Sunday gathering" has been cancelled, including Sunday 13 Dec 2026, 15:00 Hong Kong time (14:00 in Banyuwangi). We apologise.',
    ]);
    expect((await fetch(`${url}/${created.id}`, { method: 'DELETE', headers: auth })).status).toBe(404);
    expect((await (await fetch(url, { headers: auth })).json()).gatherings).toEqual([]);
    expect(app.db.prepare("SELECT action FROM audit WHERE actor = 'api' ORDER BY id").pluck().all()).toEqual(
      ['gathering_created', 'gathering_series_cancelled'],
    );
  });

  it('cancels or moves one occurrence of a series', async () => {
    const { url, app } = await started();
    const created = await (await fetch(url, { method: 'POST', headers: auth, body: JSON.stringify({ ...body, recurrence: 'weekly', country: null }) })).json();
    const [first, second] = created.occurrences;
    const moved = await fetch(`${url}/${created.id}/occurrences/${second.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ start: '2026-12-20T16:00' }) });
    expect(await moved.json()).toMatchObject({ id: second.id, startsAtHome: '2026-12-20T16:00', told: 0 });
    expect((await fetch(`${url}/${created.id}/occurrences/${first.id}`, { method: 'DELETE', headers: auth })).status).toBe(200);
    expect((await fetch(`${url}/${created.id}/occurrences/${first.id}`, { method: 'DELETE', headers: auth })).status).toBe(409);
    expect(app.db.prepare('SELECT state FROM gathering_occurrences WHERE id = ?').pluck().get(first.id)).toBe('cancelled');
  });
});
