/**
 * Secrets kept as files in DATA_DIR/secrets/, one per purpose, never in the database (and so
 * never in its backups): a stolen database or backup signs no cookie. Each is created on first
 * use (0600 in a 0700 folder) and stays stable across restarts. Rotation: stop the bot, delete the
 * file, start again (SECURITY.md says what each rotation costs).
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** Bytes of randomness in a generated secret. */
export const SECRET_BYTES = 32;
/** The purposes, each its own file. */
export const SECRET_PURPOSES = ['webchat-cookie', 'dashboard-cookie'] as const;
export type SecretPurpose = (typeof SECRET_PURPOSES)[number];

/** The folder holding the secrets of a data folder. */
export function secretsDir(dataDir: string): string {
  return path.resolve(dataDir, 'secrets');
}

/** The secret for one purpose, created on first use (two processes starting at once agree on one). */
export function fileSecret(dataDir: string, purpose: SecretPurpose): string {
  const dir = secretsDir(dataDir);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const file = path.join(dir, `${purpose}.key`);
  try {
    fs.writeFileSync(file, randomBytes(SECRET_BYTES).toString('base64url'), { flag: 'wx', mode: 0o600 });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const value = fs.readFileSync(file, 'utf8').trim();
  if (value.length < 32) throw new Error(`${file} is too short to be a secret: delete it to have a new one made (see SECURITY.md, key rotation)`);
  return value;
}
