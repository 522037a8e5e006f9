/** Test helper: another process holds the SQLite write lock (BEGIN IMMEDIATE) for a while. */
import { spawn } from 'node:child_process';
import { REPO_ROOT } from './processes.js';

const HOLDER = `
const Database = require('better-sqlite3');
const [file, ms] = process.argv.slice(1);
const db = new Database(file);
db.pragma('busy_timeout = 5000');
db.exec('BEGIN IMMEDIATE');
process.stdout.write('locked\\n');
setTimeout(() => { db.exec('COMMIT'); db.close(); process.stdout.write('released\\n'); process.exit(0); }, Number(ms));
`;

export interface HeldLock {
  /** Resolves when the other process committed and exited. */
  released: Promise<void>;
}

/** Starts a second process holding the write lock for `ms`; resolves once the lock is held. */
export function holdWriteLock(dbPath: string, ms: number): Promise<HeldLock> {
  const child = spawn(process.execPath, ['-e', HOLDER, dbPath, String(ms)], { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  let err = '';
  const released = new Promise<void>((resolve, reject) =>
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`lock holder exited with ${code}: ${err}`)))),
  );
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (d) => (err += String(d)));
    child.stdout.on('data', (d) => {
      out += String(d);
      if (out.includes('locked')) resolve({ released });
    });
    released.catch(reject);
  });
}
