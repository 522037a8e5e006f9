/** DATA_DIR and BACKUP_DIR: present, writable by this user, private, enough free space, on separate disks. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type DoctorResult, type DoctorContext, fail, ok, warn } from './check.js';

/** Below this much free space a folder gets a warning… */
export const FREE_SPACE_WARN_BYTES = 1024 ** 3;
/** …and below this the helpline may stop taking reports (SQLite cannot write). */
export const FREE_SPACE_FAIL_BYTES = 100 * 1024 ** 2;

const GB = 1024 ** 3;

/** The folder itself, or its nearest existing parent. */
function nearestExisting(dir: string): string {
  let d = dir;
  while (!fs.existsSync(d) && path.dirname(d) !== d) d = path.dirname(d);
  return d;
}

/** Free bytes for an unprivileged user on the disk holding `dir`. */
export function freeBytes(dir: string): number {
  const s = fs.statfsSync(nearestExisting(dir));
  return s.bavail * s.bsize;
}

function writeError(dir: string): string | null {
  const probe = path.join(dir, `.doctor-write-test-${process.pid}`);
  try {
    fs.writeFileSync(probe, 'x');
    fs.rmSync(probe);
    return null;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code ?? String(err);
  }
}

/** Checks one folder; `variable` names the setting, `when` says who creates it if missing. */
export function checkFolder(name: string, dir: string, variable: string, when: string): DoctorResult[] {
  const user = os.userInfo().username;
  const st = fs.statSync(dir, { throwIfNoEntry: false });
  const out: DoctorResult[] = [];
  if (!st) {
    const parent = nearestExisting(dir);
    if (writeError(parent)) {
      return [fail(name, `${dir} does not exist and ${user} cannot create it (${parent} is not writable)`, `sudo mkdir -p ${dir} && sudo chown ${user} ${dir} && chmod 700 ${dir}, or point ${variable} elsewhere.`)];
    }
    out.push(ok(name, `${dir} does not exist yet: ${when}`));
  } else if (!st.isDirectory()) {
    return [fail(name, `${dir} is not a folder`, `Point ${variable} at a folder.`)];
  } else {
    const error = writeError(dir);
    if (error) return [fail(name, `${user} cannot write to ${dir} (${error})`, `sudo chown -R ${user} ${dir} (the user the service runs as), or point ${variable} elsewhere.`)];
    const mode = st.mode & 0o777;
    if (mode & 0o077) {
      out.push(warn(name, `${dir} can be read by other users of this machine (mode ${mode.toString(8)})`, `chmod 700 ${dir}: it holds reports about people at risk.`));
    } else {
      out.push(ok(name, `${dir} is writable by ${user} and private (mode ${mode.toString(8)})`));
    }
  }
  const free = freeBytes(dir);
  const freeText = `${(free / GB).toFixed(1)} GB free on its disk`;
  if (free < FREE_SPACE_FAIL_BYTES) out.push(fail(name, `only ${freeText}`, `Free space on that disk (old logs, old backups), or move ${variable} to a larger disk.`));
  else if (free < FREE_SPACE_WARN_BYTES) out.push(warn(name, `only ${freeText}`, `Free space on that disk soon, or move ${variable} to a larger disk.`));
  else out.push(ok(name, freeText));
  return out;
}

/** Both folders, and whether the backups sit on the same disk as the data. */
export function checkFolders(ctx: DoctorContext): DoctorResult[] {
  const { config } = ctx;
  const out = [
    ...checkFolder('Data folder', config.DATA_DIR, 'DATA_DIR', 'the first npm start creates it'),
    ...checkFolder('Backup folder', config.BACKUP_DIR, 'BACKUP_DIR', 'the first backup creates it'),
  ];
  const dataDev = fs.statSync(nearestExisting(config.DATA_DIR)).dev;
  const backupDev = fs.statSync(nearestExisting(config.BACKUP_DIR)).dev;
  if (dataDev === backupDev) {
    out.push(
      warn(
        'Backup folder',
        `backups (${config.BACKUP_DIR}) are on the same disk as the database: a failed disk loses both`,
        'Set BACKUP_DIR to a folder on another disk, and copy backups off the machine (encrypted) from time to time.',
      ),
    );
  }
  return out;
}
