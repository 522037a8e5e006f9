/** Secrets the HTTP side needs across restarts (cookie signing), kept in the kv table. */
import { randomBytes } from 'node:crypto';
import type { DB } from '../store/db.js';
import { KeyValueStore } from '../store/kv.js';

/** Bytes of randomness in a generated secret. */
export const SECRET_BYTES = 32;

/** Returns the secret stored under `name`, creating it on first use; stable across restarts. */
export function persistentSecret(db: DB, name: string): string {
  const key = `secret.${name}`;
  return new KeyValueStore(db).getOrCreate(key, () => randomBytes(SECRET_BYTES).toString('base64url'));
}
