/** Every script names the database it works on, and none creates one silently where the server keeps none. */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDataDir } from '../src/testing/harness.js';
import { type Proc, REPO_ROOT, runScript } from '../src/testing/processes.js';

const SAMPLE = path.join(REPO_ROOT, 'data', 'agencies-sample-fictional.csv');
const procs: Proc[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

function run(script: string, dir: string, args: string[] = []): Proc {
  const p = runScript(script, { DATA_DIR: dir, LOG_LEVEL: 'warn' }, args);
  procs.push(p);
  return p;
}

describe('one database for every command', () => {
  it('backup and import-agencies refuse to work on a database that does not exist, and say where they looked', async () => {
    const dir = tempDataDir();
    const dbPath = path.join(dir, 'helpline.sqlite');
    const backup = run('scripts/backup.ts', dir);
    expect((await backup.exited).code).toBe(1);
    expect(backup.stdout()).toBe(`Database: ${dbPath} (DATA_DIR from the environment)\n`);
    expect(backup.stderr()).toMatch(new RegExp(`^backup: no database at ${dbPath.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(DATA_DIR from the environment\\)\\. If the server already runs, it keeps its database elsewhere: put the same DATA_DIR in \\.env`));

    const refused = run('scripts/import-agencies.ts', dir, [SAMPLE]);
    expect((await refused.exited).code).toBe(1);
    expect(refused.stderr()).toMatch(/^import-agencies: no database at .*Or pass --create to make a new database here\.\n$/);
    expect(fs.existsSync(dbPath)).toBe(false);

    const created = run('scripts/import-agencies.ts', dir, [SAMPLE, '--create']);
    expect((await created.exited).code).toBe(0);
    expect(created.stdout()).toMatch(/^Database: .*\nimported 200 agencies from .* \(FICTIONAL sample data\)\n$/);

    const again = run('scripts/backup.ts', dir);
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toMatch(new RegExp(`backup written: ${path.join(dir, 'backups').replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/manual-\\d{8}-\\d{6}\\.sqlite`));
  }, 90_000);

  it('backups go to BACKUP_DIR when it is set', async () => {
    const dir = tempDataDir();
    const elsewhere = path.join(tempDataDir('helpline-backups-'), 'nightly');
    const create = run('scripts/import-agencies.ts', dir, [SAMPLE, '--create']);
    expect((await create.exited).code).toBe(0);
    const p = runScript('scripts/backup.ts', { DATA_DIR: dir, BACKUP_DIR: elsewhere });
    procs.push(p);
    expect((await p.exited).code).toBe(0);
    expect(fs.readdirSync(elsewhere)).toEqual([expect.stringMatching(/^manual-\d{8}-\d{6}\.sqlite$/)]);
  }, 60_000);

  it('npm run chat names its database on stderr (the conversation keeps stdout) and says when it starts a new one', async () => {
    const dir = tempDataDir();
    const p = run('scripts/chat.ts', dir);
    p.child.stdin.end();
    expect((await p.exited).code).toBe(0);
    expect(p.stderr()).toContain(`Database: ${path.join(dir, 'helpline.sqlite')} (DATA_DIR from the environment)\nNo database there yet: creating a new one`);
    expect(p.stdout()).not.toContain('Database:');
  }, 60_000);
});
