/**
 * Who may read the data folder: only the bot's own user. DATA_DIR is 0700; the database, its WAL
 * and SHM, secrets and evidence files are 0600. `npm start` sets umask 077 so everything is
 * created that way; securePermissions() checks at start-up and corrects what an older version, a
 * restore or a copy left readable, and says so.
 */
import fs from 'node:fs';
import path from 'node:path';

/** Mode of every folder in DATA_DIR (owner only). */
export const DIR_MODE = 0o700;
/** Mode of every file in DATA_DIR (owner read/write only). */
export const FILE_MODE = 0o600;
/** The umask `npm start` runs under. */
export const PROCESS_UMASK = 0o077;
/** Sub-folders whose files hold personal data or secrets (walked at start-up). */
export const PRIVATE_SUBDIRS = ['media', 'secrets', 'broadcast-media'] as const;

/** Sets and checks the modes; returns the paths that had to be corrected. */
export function securePermissions(dataDir: string): string[] {
  const fixed: string[] = [];
  const ensure = (p: string, mode: number) => {
    let st: fs.Stats;
    try {
      st = fs.lstatSync(p);
    } catch {
      return;
    }
    if (st.isSymbolicLink()) return;
    if ((st.mode & 0o777) !== mode) {
      fs.chmodSync(p, mode);
      fixed.push(p);
    }
    if ((fs.statSync(p).mode & 0o077) !== 0) throw new Error(`${p} is still readable by other users after chmod: check the file system (mount options) before storing reports here`);
  };
  fs.mkdirSync(dataDir, { recursive: true, mode: DIR_MODE });
  ensure(dataDir, DIR_MODE);
  for (const name of fs.readdirSync(dataDir)) {
    if (/^helpline\.sqlite(-wal|-shm|-journal)?$/.test(name)) ensure(path.join(dataDir, name), FILE_MODE);
  }
  for (const sub of PRIVATE_SUBDIRS) walk(path.join(dataDir, sub), ensure);
  return fixed;
}

function walk(dir: string, ensure: (p: string, mode: number) => void): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  ensure(dir, DIR_MODE);
  for (const e of entries) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p, ensure);
    else if (e.isFile()) ensure(p, FILE_MODE);
  }
}
