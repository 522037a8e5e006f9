/** The newest backup in BACKUP_DIR: how old it is, and whether SQLite finds it intact. */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

/** Daily backups run at 02:41; older than this means at least one was missed. */
export const STALE_BACKUP_HOURS = 26;

const NAME = 'Last backup';
const BACKUP_FILE = /\.sqlite$/;

/** The newest complete backup file (by modification time), or null. */
export function newestBackup(dir: string): { file: string; mtimeMs: number } | null {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir);
  } catch {
    return null;
  }
  let best: { file: string; mtimeMs: number } | null = null;
  for (const name of entries) {
    if (!BACKUP_FILE.test(name)) continue; // `.partial` files are backups still being written
    const file = path.join(dir, name);
    const st = fs.statSync(file, { throwIfNoEntry: false });
    if (st?.isFile() && (!best || st.mtimeMs > best.mtimeMs)) best = { file, mtimeMs: st.mtimeMs };
  }
  return best;
}

/** Runs SQLite's full integrity check on a backup (read-only); 'ok' or what SQLite reported. */
export function integrityOf(file: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('integrity_check') as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join('; ');
  } catch (err) {
    return err instanceof Error ? err.message : String(err);
  } finally {
    db?.close();
  }
}

function ageText(ms: number): string {
  const hours = ms / 3600_000;
  return hours < 48 ? `${Math.max(0, Math.round(hours))} hours` : `${Math.round(hours / 24)} days`;
}

/** Age and integrity of the newest backup. */
export function checkLastBackup(ctx: DoctorContext): DoctorResult[] {
  const dir = ctx.config.BACKUP_DIR;
  const newest = newestBackup(dir);
  if (!newest) {
    return [warn(NAME, `no backup in ${dir} yet`, 'Make one now with npm run backup; the running server writes one every night at 02:41.')];
  }
  const out: DoctorResult[] = [];
  const age = ctx.now - newest.mtimeMs;
  const name = path.basename(newest.file);
  if (age > STALE_BACKUP_HOURS * 3600_000) {
    out.push(
      warn(
        NAME,
        `the newest backup, ${name}, is ${ageText(age)} old: the nightly backup is not happening`,
        'Check that the server runs (systemctl status helpline) and look in its log for "daily backup written" or a backup error; make one now with npm run backup.',
      ),
    );
  }
  const integrity = integrityOf(newest.file);
  if (integrity !== 'ok') {
    out.push(fail(NAME, `the newest backup, ${name}, is damaged: ${integrity}`, 'Make a new backup now (npm run backup) and check the disk (dmesg, smartctl); keep the older backups.'));
  } else if (!out.length) {
    out.push(ok(NAME, `${name}, ${ageText(age)} old, passes SQLite's integrity check`));
  } else {
    out.push(ok(NAME, `${name} passes SQLite's integrity check`));
  }
  return out;
}
