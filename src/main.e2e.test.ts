/** The real process: `npm start` on defaults, graceful shutdown, and bad configuration. */
import { afterEach, describe, expect, it } from 'vitest';
import { runScript, type Proc } from './testing/processes.js';
import { tempDataDir } from './testing/harness.js';

let proc: Proc | undefined;
afterEach(() => {
  if (proc && proc.child.exitCode === null) proc.child.kill('SIGKILL');
});

describe('npm start', () => {
  it('runs on embedded defaults, answers /api/health, and stops cleanly on SIGTERM', async () => {
    const dir = tempDataDir();
    proc = runScript('src/main.ts', { DATA_DIR: dir, HTTP_PORT: '0' });
    const [, port] = await proc.waitFor(/health at http:\/\/localhost:(\d+)\/api\/health/);
    const res = await fetch(`http://127.0.0.1:${port}/api/health`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ status: 'ok', database: { state: 'ok' }, channels: { webchat: { state: 'up' } } });
    expect(body.outbox).toMatchObject({ pending: 0, failed: 0 });
    proc.child.kill('SIGTERM');
    expect(await proc.exited).toEqual({ code: 0, signal: null });
    expect(proc.stdout()).toContain('stopped cleanly');
  });

  it('a bad variable stops the process with one clear line', async () => {
    proc = runScript('src/main.ts', { DATA_DIR: tempDataDir(), HTTP_PORT: 'eighty', DEFAULT_LANGUAGE: 'fr' });
    const { code } = await proc.exited;
    expect(code).toBe(1);
    expect(proc.stderr()).toMatch(/^Configuration error: HTTP_PORT="eighty" is invalid: expected .*\nDEFAULT_LANGUAGE="fr" is invalid: expected .*\n$/);
  });
});
