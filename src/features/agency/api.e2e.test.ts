import { afterEach, describe, expect, it } from 'vitest';
import { TEST_REGISTER_CSV } from '../../testing/agencyRegister.js';
import { currentImport } from '../../domain/agencies/register.js';
import { createTestApp } from '../../testing/harness.js';

const TOKEN = 'test-token-agencies-Zq8Lp3Mx7Kv2Rb9Wn';
type TestApp = ReturnType<typeof createTestApp>;
const apps: TestApp[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((a) => a.stop()));
});

async function started(): Promise<TestApp> {
  const app = createTestApp({ http: true, env: { ADMIN_API_TOKEN: TOKEN, HTTP_PORT: '0' } });
  apps.push(app);
  await app.start();
  return app;
}

function post(app: TestApp, body: string, headers: Record<string, string> = {}) {
  // Confirmed, and allowed to replace the whole (fictional sample) register: the preview step has its own test.
  return fetch(`http://127.0.0.1:${app.port}/api/agencies/import?source=export-nov.csv&confirm=yes&replace=whole`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', authorization: `Bearer ${TOKEN}`, ...headers },
    body,
  });
}

describe('POST /api/agencies/import', () => {
  it('refuses without the bearer token and leaves the fictional sample in place', async () => {
    const app = await started();
    const res = await fetch(`http://127.0.0.1:${app.port}/api/agencies/import`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv' },
      body: TEST_REGISTER_CSV,
    });
    expect(res.status).toBe(401);
    const wrong = await post(app, TEST_REGISTER_CSV, { authorization: 'Bearer nope' });
    expect(wrong.status).toBe(401);
    expect(currentImport(app.db)).toMatchObject({ isSample: true, rowsLoaded: 200 });
  });

  it('imports a CSV body, then reports a re-import of the same file as unchanged', async () => {
    const app = await started();
    const res = await post(app, TEST_REGISTER_CSV);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ outcome: 'imported', loaded: 13, rejected: 0, source: 'api: export-nov.csv', fictionalSample: false });
    const again = await post(app, TEST_REGISTER_CSV);
    expect(await again.json()).toMatchObject({ outcome: 'unchanged', loaded: 13 });
    const meta = await (await fetch(`http://127.0.0.1:${app.port}/api/agencies`, { headers: { authorization: `Bearer ${TOKEN}` } })).json();
    expect(meta.register).toMatchObject({ source: 'api: export-nov.csv', agencies: 13, fictionalSample: false, importedAt: '2026-11-27T03:00:00.000Z' });
  });

  it('lists bad rows with line numbers, and answers 422 when nothing is usable', async () => {
    const app = await started();
    const partial = await post(app, 'nama,nomor izin,status\nPT Contoh A,UJI-1,aktif\nPT Contoh B,UJI-2,entah\n');
    expect(await partial.json()).toMatchObject({ outcome: 'imported', loaded: 1, rejected: 1, problems: [{ line: 3, reason: expect.stringMatching(/unknown status "entah"/) }] });
    const none = await post(app, 'nama,kota\nPT Contoh A,Kediri\n');
    expect(none.status).toBe(422);
    expect(await none.json()).toMatchObject({ outcome: 'rejected', reason: expect.stringMatching(/header lacks/) });
    expect(currentImport(app.db)?.rowsLoaded).toBe(1);
  });

  it('refuses a body that is not CSV', async () => {
    const app = await started();
    const res = await post(app, JSON.stringify({ name: 'x' }), { 'content-type': 'application/json' });
    expect(res.status).toBe(415);
  });
});
