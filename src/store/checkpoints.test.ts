import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { WAL_AUTOCHECKPOINT_BACKSTOP_PAGES, startWalCheckpoints } from './checkpoints.js';
import { type DB, openDatabase } from './db.js';

let db: DB | undefined;
let dir: string | undefined;
afterEach(() => {
  db?.close();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** Opens a fresh database and writes 1,500 commits of 2 KB (past SQLite's default of 1,000 WAL pages). */
function fill(d: DB): void {
  const put = d.prepare('INSERT INTO kv (key, value) VALUES (?, ?)');
  for (let i = 0; i < 1500; i++) put.run(`k${i}`, 'x'.repeat(2048));
}

const mainFileBytes = (file: string) => fs.statSync(file).size;

describe('background WAL checkpoints', () => {
  it('copy committed pages into the database file between writes, not inside a commit; stopping hands back to SQLite', async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'helpline-ckpt-'));
    const file = path.join(dir, 'h.sqlite');
    db = openDatabase(file);
    const stop = startWalCheckpoints(db, 20);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(WAL_AUTOCHECKPOINT_BACKSTOP_PAGES);
    fill(db);
    // No commit checkpointed (the backstop is far away): the pages are all still in the WAL only.
    expect(mainFileBytes(file)).toBeLessThan(1024 * 1024);
    await new Promise((r) => setTimeout(r, 150));
    // The timer copied them: the database file now holds the 3 MB written.
    expect(mainFileBytes(file)).toBeGreaterThan(3 * 1024 * 1024);
    expect(db.prepare("SELECT COUNT(*) FROM kv WHERE key GLOB 'k[0-9]*'").pluck().get()).toBe(1500);
    stop();
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
