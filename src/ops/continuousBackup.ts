/**
 * Continuous backups: every BACKUP_INTERVAL_MINUTES an online backup of the database AND the
 * evidence files (DATA_DIR/media) into its own folder in BACKUP_DIR (ideally another disk):
 *
 *   BACKUP_DIR/continuous-YYYYMMDD-HHMMSS/helpline.sqlite
 *   BACKUP_DIR/continuous-YYYYMMDD-HHMMSS/media/…
 *
 * Each is written under a `.partial` name, verified with `PRAGMA integrity_check`, renamed, and
 * only then are older ones pruned (the newest `keep` stay), so a failed backup never costs a good
 * one. Unchanged evidence files are hard-linked from the previous backup, not copied again.
 * Secrets (DATA_DIR/secrets) are never included. Worst-case loss: one interval (README).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { DateTime } from 'luxon';
import type { DB } from '../store/db.js';

export const CONTINUOUS_PREFIX = 'continuous-';
const CONTINUOUS = /^continuous-\d{8}-\d{6}$/;
/** Folders inside DATA_DIR copied with the database (evidence). Never `secrets`. */
export const BACKED_UP_FOLDERS = ['media', 'broadcast-media'] as const;

export interface ContinuousBackupResult {
  dir: string;
  bytes: number;
  files: number;
  removed: string[];
}

/** The continuous backups in a folder, oldest first. */
export function listContinuous(root: string): string[] {
  if (!fs.existsSync(root)) return [];
  return fs
    .readdirSync(root)
    .filter((f) => CONTINUOUS.test(f))
    .sort();
}

/** Writes, verifies and keeps one continuous backup; prunes older ones beyond `keep` afterwards. */
export async function continuousBackup(db: DB, opts: { dataDir: string; root: string; now: number; timezone: string; keep: number }): Promise<ContinuousBackupResult> {
  fs.mkdirSync(opts.root, { recursive: true, mode: 0o700 });
  const previous = listContinuous(opts.root).at(-1);
  let name = `${CONTINUOUS_PREFIX}${DateTime.fromMillis(opts.now, { zone: opts.timezone }).toFormat("yyyyMMdd'-'HHmmss")}`;
  if (name === previous) name = `${CONTINUOUS_PREFIX}${DateTime.fromMillis(opts.now + 1000, { zone: opts.timezone }).toFormat("yyyyMMdd'-'HHmmss")}`;
  const final = path.join(opts.root, name);
  const partial = `${final}.partial`;
  fs.rmSync(partial, { recursive: true, force: true });
  fs.mkdirSync(partial, { mode: 0o700 });
  const dbFile = path.join(partial, 'helpline.sqlite');
  await db.backup(dbFile);
  const check = new Database(dbFile);
  try {
    check.pragma('journal_mode = DELETE');
    const result = check.pragma('integrity_check', { simple: true });
    if (result !== 'ok') throw new Error(`backup ${name} failed its integrity check (${String(result)}); older backups are kept`);
  } finally {
    check.close();
  }
  fs.chmodSync(dbFile, 0o600);
  let files = 0;
  for (const folder of BACKED_UP_FOLDERS) {
    files += copyTree(path.join(opts.dataDir, folder), path.join(partial, folder), previous ? path.join(opts.root, previous, folder) : null);
  }
  fs.renameSync(partial, final);
  // Only now, with a verified backup in place, are older ones removed.
  const all = listContinuous(opts.root);
  const removed = all.slice(0, Math.max(0, all.length - opts.keep));
  for (const r of removed) fs.rmSync(path.join(opts.root, r), { recursive: true, force: true });
  return { dir: final, bytes: fs.statSync(path.join(final, 'helpline.sqlite')).size, files, removed };
}

/** Copies a folder tree (0700/0600), hard-linking files unchanged since the previous backup. */
function copyTree(from: string, to: string, previous: string | null): number {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(from, { withFileTypes: true });
  } catch {
    return 0;
  }
  fs.mkdirSync(to, { recursive: true, mode: 0o700 });
  let n = 0;
  for (const e of entries) {
    const src = path.join(from, e.name);
    const dst = path.join(to, e.name);
    const prev = previous ? path.join(previous, e.name) : null;
    if (e.isDirectory()) n += copyTree(src, dst, prev);
    else if (e.isFile()) {
      const st = fs.statSync(src);
      const old = prev ? fs.statSync(prev, { throwIfNoEntry: false }) : undefined;
      if (old && prev && old.size === st.size && old.mtimeMs >= st.mtimeMs) fs.linkSync(prev, dst);
      else {
        fs.copyFileSync(src, dst);
        fs.chmodSync(dst, 0o600);
      }
      n++;
    }
  }
  return n;
}

/** The cron expression for an interval in minutes (a divisor of 60, or whole hours dividing 24). */
export function intervalSchedule(minutes: number): string {
  if (minutes < 60) return `*/${minutes} * * * *`;
  return `0 */${minutes / 60} * * *`;
}

/** Continuous backups kept: a day's worth, at least 4. */
export function continuousKeep(minutes: number): number {
  return Math.max(4, Math.ceil((24 * 60) / minutes));
}
