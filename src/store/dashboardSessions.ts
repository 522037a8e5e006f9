/** Dashboard sessions in the database: the cookie carries a random id, the table only its SHA-256. */
import { createHash, randomBytes } from 'node:crypto';
import type { DB } from './db.js';

/** A session ends after this long without a request. */
export const SESSION_IDLE_MS = 2 * 3600_000;
/** And at the latest this long after sign-in. */
export const SESSION_MAX_MS = 12 * 3600_000;
/** last_seen_at is written at most this often. */
const TOUCH_EVERY_MS = 60_000;

export interface DashboardSession {
  officerId: number;
  csrfToken: string;
  expiresAt: number;
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

export class DashboardSessionStore {
  constructor(private readonly db: DB) {}

  /** Starts a session; returns the token for the cookie (never stored). */
  create(officerId: number, now: number): { token: string; session: DashboardSession } {
    const token = randomBytes(32).toString('base64url');
    const session = { officerId, csrfToken: randomBytes(32).toString('base64url'), expiresAt: now + SESSION_MAX_MS };
    this.db.prepare('DELETE FROM officer_sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, now - SESSION_IDLE_MS);
    this.db
      .prepare('INSERT INTO officer_sessions (id_hash, officer_id, csrf_token, created_at, last_seen_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)')
      .run(digest(token), officerId, session.csrfToken, now, now, session.expiresAt);
    return { token, session };
  }

  /** The live session for a cookie token, refreshing its idle timer; undefined when unknown or expired. */
  find(token: string, now: number): DashboardSession | undefined {
    const row = this.db
      .prepare('SELECT officer_id, csrf_token, last_seen_at, expires_at FROM officer_sessions WHERE id_hash = ?')
      .get(digest(token)) as { officer_id: number; csrf_token: string; last_seen_at: number; expires_at: number } | undefined;
    if (!row) return undefined;
    if (row.expires_at <= now || row.last_seen_at <= now - SESSION_IDLE_MS) {
      this.destroy(token);
      return undefined;
    }
    if (now - row.last_seen_at > TOUCH_EVERY_MS) this.db.prepare('UPDATE officer_sessions SET last_seen_at = ? WHERE id_hash = ?').run(now, digest(token));
    return { officerId: row.officer_id, csrfToken: row.csrf_token, expiresAt: row.expires_at };
  }

  /** Whether the session is still live, without refreshing its idle timer (long-lived streams). */
  alive(token: string, now: number): boolean {
    const row = this.db.prepare('SELECT last_seen_at, expires_at FROM officer_sessions WHERE id_hash = ?').get(digest(token)) as
      | { last_seen_at: number; expires_at: number }
      | undefined;
    return !!row && row.expires_at > now && row.last_seen_at > now - SESSION_IDLE_MS;
  }

  destroy(token: string): void {
    this.db.prepare('DELETE FROM officer_sessions WHERE id_hash = ?').run(digest(token));
  }
}
