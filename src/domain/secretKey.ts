/**
 * Random keys kept in DATA_DIR/secrets/ (0600, created once, never in the database or its
 * backups): the case PIN key and the announcement verification key.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Length of every secret key, in bytes. */
export const SECRET_KEY_BYTES = 32;

const keys = new Map<string, Buffer>();

/** The key stored at `file` (relative to dataDir), created on first use (cached per file). */
export function secretKey(dataDir: string, file: string): Buffer {
  const abs = path.resolve(dataDir, file);
  let key = keys.get(abs);
  if (key) return key;
  fs.mkdirSync(path.dirname(abs), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two processes starting at once must not each write a different key.
    fs.writeFileSync(abs, randomBytes(SECRET_KEY_BYTES).toString('hex'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  key = Buffer.from(fs.readFileSync(abs, 'utf8').trim(), 'hex');
  if (key.length !== SECRET_KEY_BYTES) throw new Error(`${abs} is not a ${SECRET_KEY_BYTES}-byte hex key: restore it from your copy of DATA_DIR`);
  keys.set(abs, key);
  return key;
}
