/** `npm run add-officer` with flags, as deployment scripts call it, on the server's database. */
import Database from 'better-sqlite3';
import fs from 'node:fs';
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

/** Each test starts processes and hashes passwords (scrypt): slow on a busy machine. */
const SLOW_MS = 90_000;

/** The login form of a running server: its cookie and CSRF token. */
async function loginForm(base: string): Promise<{ cookie: string; token: string }> {
  const res = await fetch(`${base}/dashboard/login`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  const token = (await res.text()).match(/name="_csrf" value="([^"]+)"/)![1];
  return { cookie, token };
}

/** Signs in to the running server's dashboard; the HTTP status (303 = signed in, 401 = refused). */
async function signIn(base: string, username: string, password: string): Promise<{ status: number; location: string | null }> {
  const { cookie, token } = await loginForm(base);
  const res = await fetch(`${base}/dashboard/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: token, username, password }),
  });
  return { status: res.status, location: res.headers.get('location') };
}

describe('npm run add-officer', () => {
  it('creates an account from flags and a password on stdin; the password works, a wrong one does not', async () => {
    const dir = tempDataDir();
    const p = addOfficer(dir, ['--username', 'ana', '--password-stdin', '--role', 'admin', '--chat', 'telegram:5550001', '--create'], 'correct horse battery\n');
    expect(await p.exited).toEqual({ code: 0, signal: null });
    const dbPath = path.join(dir, 'helpline.sqlite');
    expect(p.stdout()).toBe(
      `Database: ${dbPath} (DATA_DIR from the environment)\nCreated a new database at ${dbPath}\nOfficer "ana" created (admin). Sign in at http://localhost:3000/dashboard\n`,
    );
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
    expect(again.stdout()).toBe(`Database: ${dbPath} (DATA_DIR from the environment)\nOfficer "ana" updated (officer). Sign in at http://localhost:3000/dashboard\n`);
  }, SLOW_MS);

  it('finds no database where DATA_DIR points: says so, names the path, creates nothing', async () => {
    const dir = tempDataDir();
    const p = addOfficer(dir, ['--username', 'ana', '--password-stdin'], 'correct horse battery\n');
    expect((await p.exited).code).toBe(1);
    const dbPath = path.join(dir, 'helpline.sqlite');
    expect(p.stdout()).toBe(`Database: ${dbPath} (DATA_DIR from the environment)\n`);
    expect(p.stderr()).toBe(
      `add-officer: no database at ${dbPath}: the server keeps its database where DATA_DIR points (put it in .env). Start the server once, or pass --create to make a new database here.\n`,
    );
    expect(fs.existsSync(dbPath)).toBe(false);
  });

  it('with a .env, the account lands in the database of the server started from the same folder, and signing in works', async () => {
    // An installation folder as an operator has it: .env next to the code, no DATA_DIR in the environment.
    const install = tempDataDir('helpline-install-');
    fs.writeFileSync(path.join(install, '.env'), 'DATA_DIR=./var/helpline\nHTTP_PORT=0\nLOG_LEVEL=info\n');
    const server = runScript('src/main.ts', {}, [], { cwd: install });
    procs.push(server);
    const [, base] = await server.waitFor(/health at (http:\/\/localhost:\d+)\/api\/health/, 30_000);
    const dbPath = path.join(fs.realpathSync(install), 'var', 'helpline', 'helpline.sqlite');

    const p = runScript('scripts/add-officer.ts', {}, ['--username', 'ana', '--password-stdin', '--role', 'admin'], { cwd: install });
    procs.push(p);
    p.child.stdin.end('correct horse battery\n');
    expect((await p.exited).code).toBe(0);
    expect(p.stdout()).toContain(`Database: ${dbPath} (DATA_DIR from .env)\nOfficer "ana" created (admin).`);

    expect(await signIn(base, 'ana', 'correct horse battery')).toEqual({ status: 303, location: '/dashboard' });
    expect((await signIn(base, 'ana', 'not the password')).status).toBe(401);
    server.child.kill('SIGTERM');
    expect((await server.exited).code).toBe(0);
  }, SLOW_MS);

  it('refuses a short password, a bad role and a missing terminal with one clear line', async () => {
    const dir = tempDataDir();
    const short = addOfficer(dir, ['--username', 'budi', '--password-stdin', '--create'], 'short\n');
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
