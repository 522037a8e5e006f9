import { afterEach, describe, expect, it } from 'vitest';
import { caseByRef } from '../../domain/cases/cases.js';
import { createTestApp } from '../../testing/harness.js';
import { casesTestEnv, refAndPin, startUser, tr, typeAll } from '../../testing/cases.js';

let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

const TOKEN = 'test-token-123-Vb7NqP3xK9mZ2wL5rT8yC4hJ';

async function started(env: Record<string, string> = { ADMIN_API_TOKEN: TOKEN }): Promise<string> {
  app = createTestApp({ http: true, env: { ...casesTestEnv, ...env } });
  await app.start();
  return `http://127.0.0.1:${app.port}/api`;
}

function call(url: string, init: RequestInit & { token?: string; json?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.json !== undefined) headers['content-type'] = 'application/json';
  return fetch(url, { ...init, headers, body: init.json !== undefined ? JSON.stringify(init.json) : undefined });
}

describe('cases API', () => {
  it('lists, shows, replies and changes status with the bearer token; the reporter is told in their language', async () => {
    const base = await started();
    const u = await startUser(app, 'jv');
    await typeAll(u, ['1', '1', '1', '1', '1', '-', 'Siti', '-', 'Bayaran kula dereng dipunbayar kalih wulan.', 'sampun', '-', '1']);
    const { ref, pin } = refAndPin(await u.say('1'));

    const list = await call(`${base}/cases?status=new`, { token: TOKEN });
    expect(list.status).toBe(200);
    const { cases } = (await list.json()) as { cases: Record<string, unknown>[] };
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ ref, category: 'wages_unpaid', status: 'new', workerName: 'Siti', reporterReachable: true });
    expect(JSON.stringify(cases)).not.toContain('pin');
    expect(JSON.stringify(cases)).not.toContain(pin);

    const one = await call(`${base}/cases/${ref}`, { token: TOKEN });
    const body = (await one.json()) as { case: { ref: string }; events: { kind: string }[]; attachments: unknown[] };
    expect(body.case.ref).toBe(ref);
    expect(body.events.map((e) => e.kind)).toEqual(['created']);

    const reply = await call(`${base}/cases/${ref}/replies`, { method: 'POST', token: TOKEN, json: { text: 'Kami sudah menghubungi agensi.' } });
    expect(reply.status).toBe(201);
    expect(await reply.json()).toEqual({ ref, delivered: true });
    expect(u.replies()).toEqual([`Pesen saking petugas babagan laporan panjenengan ${ref}:\nKami sudah menghubungi agensi.\n${tr(app, 'jv', 'case.howToAnswer')}`]);

    const status = await call(`${base}/cases/${ref}/status`, { method: 'POST', token: TOKEN, json: { status: 'in_progress', note: 'Sedang diproses' } });
    expect(await status.json()).toEqual({ ref, status: 'in_progress', notified: true });
    expect(u.replies()).toEqual([`Kabar laporan panjenengan ${ref}: saweg dipuntangani petugas.\nCathetan saking petugas:\nSedang diproses`]);
    expect(caseByRef(app.db, ref)).toMatchObject({ status: 'in_progress' });
    // The worker's answer to the API reply goes to the case thread.
    expect(await u.say('Matur nuwun, kula entosi')).toEqual([tr(app, 'jv', 'thread.sent', { ref })]);
    const thread = (await (await call(`${base}/cases/${ref}`, { token: TOKEN })).json()) as { events: { kind: string; text: string | null }[] };
    expect(thread.events.at(-1)).toMatchObject({ kind: 'message_in', text: 'Matur nuwun, kula entosi' });

    const bad = await call(`${base}/cases/${ref}/status`, { method: 'POST', token: TOKEN, json: { status: 'done' } });
    expect(bad.status).toBe(400);
    expect((await call(`${base}/cases/BWI-2611-0999`, { token: TOKEN })).status).toBe(404);
    const audited = app.db.prepare("SELECT action FROM audit WHERE actor = 'api' ORDER BY id").pluck().all();
    expect(audited).toEqual(['cases_listed', 'case_viewed', 'case_replied', 'case_status', 'case_viewed']);
  });

  it('shows assistance requests with their kind and program, and a reply through the API reaches the family', async () => {
    const base = await started();
    const family = await startUser(app, 'en');
    // An education-help application: its eligibility, "yes, apply", the school level, the need.
    await typeAll(family, ['5', '1', '1', '1', '1', '2', 'School fees for my son', 'Desa Kemiren, Glagah', '1']);
    const ref = /\*([A-Z]{2,6}-\d{4}-\d{4,})\*/.exec((await family.say('1')).join('\n'))![1];
    const { cases } = (await (await call(`${base}/cases`, { token: TOKEN })).json()) as { cases: Record<string, unknown>[] };
    expect(cases).toEqual([
      expect.objectContaining({ ref, kind: 'assistance', category: 'education', details: expect.objectContaining({ program: 'education', village: 'Desa Kemiren', schoolLevel: 'junior' }) }),
    ]);
    const reply = await call(`${base}/cases/${ref}/replies`, { method: 'POST', token: TOKEN, json: { text: 'An officer will call you on Monday.' } });
    expect(await reply.json()).toEqual({ ref, delivered: true });
    expect(family.replies()).toEqual([`Message from the officer about your report ${ref}:\nAn officer will call you on Monday.\n${tr(app, 'en', 'case.howToAnswer')}`]);
    // An application takes its own statuses through the same route; the family hears them in its words.
    const set = await call(`${base}/cases/${ref}/status`, { method: 'POST', token: TOKEN, json: { status: 'checking' } });
    expect(await set.json()).toEqual({ ref, status: 'in_progress', applicationStatus: 'checking', notified: true });
    expect(family.replies()).toEqual([`Update on your application ${ref} (Education support for workers' children): being checked by an officer.\nAn officer is checking your application.`]);
    const got = (await (await call(`${base}/cases/${ref}`, { token: TOKEN })).json()) as { case: Record<string, unknown> };
    expect(got.case).toMatchObject({ status: 'in_progress', applicationStatus: 'checking' });
  });

  it('refuses requests without the right token (audited) and is off without ADMIN_API_TOKEN', async () => {
    let base = await started();
    await startUser(app, 'en');
    expect((await call(`${base}/cases`)).status).toBe(401);
    expect((await call(`${base}/cases`, { token: 'wrong' })).status).toBe(401);
    expect((await call(`${base}/cases/BWI-2611-0001/replies`, { method: 'POST', token: 'wrong', json: { text: 'x' } })).status).toBe(401);
    expect(app.db.prepare("SELECT COUNT(*) FROM audit WHERE action = 'api_refused'").pluck().get()).toBe(3);
    await app.stop();
    base = await started({});
    expect((await call(`${base}/cases`, { token: TOKEN })).status).toBe(404);
  });
});
