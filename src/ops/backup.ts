/**
 * Database backups with SQLite's online backup (better-sqlite3 `db.backup()`): consistent while the
 * bot keeps running. Daily files are named by date and kept for BACKUP_KEEP_DAYS; manual ones
 * (`npm run backup`) are kept until the operator removes them. Restore: see README "Backups".
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import { BACKUP_DIR_NAME } from '../config.js';
import type { DB } from '../store/db.js';

export { BACKUP_DIR_NAME };

const DAILY = /^daily-(\d{4}-\d{2}-\d{2})\.sqlite$/;

export interface BackupResult {
  file: string;
  bytes: number;
  /** Daily backups removed by the retention rule. */
  removed: string[];
}

/** The default backups folder inside DATA_DIR (config.BACKUP_DIR is the one in use). */
export function backupDir(dataDir: string): string {
  return path.join(dataDir, BACKUP_DIR_NAME);
}

/**
 * Writes a backup ('daily': one per day in the home time zone, replacing that day's; 'manual':
 * timestamped), checks it, then keeps only the newest `keepDays` daily files.
 */
export async function backupDatabase(
  db: DB,
  opts: { dir: string; now: number; timezone: string; keepDays: number; kind: 'daily' | 'manual' },
): Promise<BackupResult> {
  const dir = opts.dir;
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const at = DateTime.fromMillis(opts.now, { zone: opts.timezone });
  const name = opts.kind === 'daily' ? `daily-${at.toFormat('yyyy-MM-dd')}.sqlite` : `manual-${at.toFormat("yyyyMMdd'-'HHmmss")}.sqlite`;
  const file = path.join(dir, name);
  // Written under a temporary name and renamed: a crash never leaves a half file that looks complete.
  const partial = `${file}.partial`;
  fs.rmSync(partial, { force: true });
  await db.backup(partial);
  const check = new Database(partial);
  try {
    // A self-contained single file: no -wal/-shm beside it, so copying one file restores it.
    check.pragma('journal_mode = DELETE');
    const result = check.pragma('quick_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${name} failed its integrity check (${String(result)}); the previous backups are kept`);
  } finally {
    check.close();
  }
  fs.chmodSync(partial, 0o600);
  fs.renameSync(partial, file);
  const removed = opts.kind === 'daily' ? pruneDaily(dir, opts.keepDays) : [];
  return { file, bytes: fs.statSync(file).size, removed };
}

/** Deletes daily backups beyond the newest `keep`; returns the removed file names. */
export function pruneDaily(dir: string, keep: number): string[] {
  const daily = fs
    .readdirSync(dir)
    .filter((f) => DAILY.test(f))
    .sort()
    .reverse();
  const removed = daily.slice(keep);
  for (const f of removed) fs.rmSync(path.join(dir, f), { force: true });
  return removed;
}
