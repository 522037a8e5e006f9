/** `npm run add-officer` with flags, as deployment scripts call it. */
import Database from 'better-sqlite3';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { runScript, type Proc } from '../src/testing/processes.js';
import { tempDataDir } from '../src/testing/harness.js';
import { checkCredentials } from '../src/domain/officers/accounts.js';

const procs: Proc[] = [];
afterEach(() => {
  for (const p of procs.splice(0)) if (p.child.exitCode === null) p.child.kill('SIGKILL');
});

/** Runs the script with flags; stdin is a pipe (not a terminal), as in a deployment script. */
function addOfficer(dir: string, args: string[], stdin = ''): Proc {
  const p = runScript('scripts/add-officer.ts', { DATA_DIR: dir }, args);
  p.child.stdin.end(stdin);
  procs.push(p);
  return p;
}

describe('npm run add-officer', () => {
  it('creates an account from flags and a password on stdin; the password works, a wrong one does not', async () => {
    const dir = tempDataDir();
    const p = addOfficer(dir, ['--username', 'ana', '--password-stdin', '--role', 'admin', '--chat', 'telegram:5550001'], 'correct horse battery\n');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    expect(p.stdout()).toBe('Officer "ana" created (admin). Sign in at /dashboard.\n');
    const db = new Database(path.join(dir, 'helpline.sqlite'));
    expect(await checkCredentials(db, 'ana', 'correct horse battery')).toMatchObject({ username: 'ana', role: 'admin' });
    expect(await checkCredentials(db, 'ANA', 'correct horse battery')).toMatchObject({ username: 'ana' });
    expect(await checkCredentials(db, 'ana', 'correct horse')).toBeNull();
    expect(db.prepare("SELECT role FROM contacts WHERE channel = 'telegram' AND chat_id = '5550001'").pluck().get()).toBe('officer');
    expect(db.prepare('SELECT actor, action, subject FROM audit').all()).toEqual([{ actor: 'cli', action: 'officer_created', subject: 'ana' }]);
    db.close();

    // Running it again replaces the password.
    const again = addOfficer(dir, ['--username', 'ana', '--password-stdin'], 'a brand new passphrase\n');
    expect((await again.exited).code).toBe(0);
    expect(again.stdout()).toContain('Officer "ana" updated (officer)');
  });

  it('refuses a short password, a bad role and a missing terminal with one clear line', async () => {
    const dir = tempDataDir();
    const short = addOfficer(dir, ['--username', 'budi', '--password-stdin'], 'short\n');
    expect((await short.exited).code).toBe(1);
    expect(short.stderr()).toBe('add-officer: the password must have at least 12 characters\n');
    const role = addOfficer(dir, ['--username', 'budi', '--password-stdin', '--role', 'boss'], 'long enough password\n');
    expect((await role.exited).code).toBe(1);
    expect(role.stderr()).toBe('add-officer: --role must be one of: officer, admin\n');
    const noTty = addOfficer(dir, ['--username', 'budi']);
    expect((await noTty.exited).code).toBe(1);
    expect(noTty.stderr()).toMatch(/not a terminal: pass --username NAME --password-stdin/);
  });
});
