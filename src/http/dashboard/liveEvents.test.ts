/**
 * The live stream over plain HTTP: only for a signed-in officer, carries a new urgent case and a
 * reporter's message within a poll, and ends at sign-out (the browser then gets 401 and stops).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { systemClock } from '../../core/clock.js';
import { addEvent, createCase } from '../../domain/cases/cases.js';
import { addOfficer } from '../../domain/officers/accounts.js';
import { createTestApp, testConfig } from '../../testing/harness.js';

const PASSWORD = 'correct horse battery staple';
let app: ReturnType<typeof createTestApp>;
afterEach(async () => {
  await app?.stop();
});

async function signIn(base: string, username: string): Promise<{ cookie: string; csrf: string }> {
  const form = await fetch(`${base}/dashboard/login`);
  const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0];
  const token = (await form.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  const res = await fetch(`${base}/dashboard/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: loginCookie },
    body: new URLSearchParams({ _csrf: token, username, password: PASSWORD }).toString(),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('helpline_session='))!.split(';')[0];
  const page = await (await fetch(`${base}/dashboard/cases`, { headers: { Cookie: cookie } })).text();
  return { cookie, csrf: page.match(/name="_csrf" value="([^"]+)"/)![1] };
}

/** Reads the stream until `until` matches the text received so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, until: RegExp, ms = 3000): Promise<string> {
  const dec = new TextDecoder();
  let got = '';
  const deadline = Date.now() + ms;
  while (!until.test(got)) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`not received in ${ms} ms: ${until}; got ${got}`);
    const r = await Promise.race([reader.read(), new Promise<null>((ok) => setTimeout(() => ok(null), left))]);
    if (!r) continue;
    if (r.done) return `${got}[end]`;
    got += dec.decode(r.value);
  }
  return got;
}

describe('GET /dashboard/events', () => {
  it('streams new cases and reporter messages to signed-in officers, translated, and ends at sign-out', async () => {
    app = createTestApp({ config: testConfig({ DEFAULT_LANGUAGE: 'en' }), http: true, clock: systemClock });
    await app.start();
    const base = `http://127.0.0.1:${app.port}`;
    await addOfficer(app.db, { username: 'ana', password: PASSWORD }, Date.now());
    expect((await fetch(`${base}/dashboard/events`)).status).toBe(401);

    const { cookie, csrf } = await signIn(base, 'ana');
    const res = await fetch(`${base}/dashboard/events`, { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const reader = res.body!.getReader();
    await readUntil(reader, /: hello/);

    const c = createCase(app.db, { reporterContactId: null, anonymous: true, category: 'trafficking', urgent: true, urgentReason: 'category', now: Date.now(), config: app.config });
    const sent = Date.now();
    const got = await readUntil(reader, /event: case\ndata: .*\n\n/);
    expect(Date.now() - sent).toBeLessThan(1500);
    const data = JSON.parse(/event: case\ndata: (.*)\n/.exec(got)![1]);
    expect(data).toMatchObject({ type: 'case', key: c.ref, ref: c.ref, ring: true, text: `🚨 Urgent case ${c.ref}` });

    addEvent(app.db, c.id, Date.now(), 'reporter', 'message_in', { text: 'masih di sini' });
    const msg = await readUntil(reader, /event: message\ndata: .*\n\n/);
    expect(JSON.parse(/event: message\ndata: (.*)\n/.exec(msg)![1])).toMatchObject({ type: 'message', ref: c.ref, text: `New message from the reporter in ${c.ref}` });

    // Opening the case tells every tab it was seen (it stops ringing).
    await fetch(`${base}/dashboard/cases/${c.ref}`, { headers: { Cookie: cookie } });
    expect(await readUntil(reader, /event: seen\ndata: .*\n\n/)).toContain(`"key":"${c.ref}"`);

    await fetch(`${base}/dashboard/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Cookie: cookie },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
    });
    expect(await readUntil(reader, /\[end\]/)).toContain('[end]');
    expect((await fetch(`${base}/dashboard/events`, { headers: { Cookie: cookie } })).status).toBe(401);
  });
});
