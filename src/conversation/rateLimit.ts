/**
 * Per-contact flood limit, decided inside the turn's transaction. A small persisted fixed-window
 * counter rather than rate-limiter-flexible: its memory store reads Date.now() (tests drive a
 * ManualClock), forgets everything on a restart, and its SQLite store would write outside the turn;
 * here the decision commits together with the inbound_seen row, so a dropped message is never
 * redelivered and never half-handled.
 */
import type { DB } from '../store/db.js';

export type RateDecision = 'ok' | 'notice' | 'drop';

export interface RateLimit {
  messages: number;
  windowMs: number;
}

/** Counts one message of a contact; 'notice' the first time the limit is passed in a window, then 'drop'. */
export function prepareRateLimiter(db: DB, limit: RateLimit): (contactId: number, now: number) => RateDecision {
  const get = db.prepare<[number], { window_start: number; count: number; noticed: number }>(
    'SELECT window_start, count, noticed FROM rate_windows WHERE contact_id = ?',
  );
  const put = db.prepare<[number, number, number, number]>(
    `INSERT INTO rate_windows (contact_id, window_start, count, noticed) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id) DO UPDATE SET window_start = excluded.window_start, count = excluded.count, noticed = excluded.noticed`,
  );
  return (contactId, now) => {
    const row = get.get(contactId);
    const fresh = !row || now - row.window_start >= limit.windowMs || now < row.window_start;
    const start = fresh ? now : row.window_start;
    const count = (fresh ? 0 : row.count) + 1;
    const noticed = fresh ? 0 : row.noticed;
    if (count <= limit.messages) {
      put.run(contactId, start, count, noticed);
      return 'ok';
    }
    put.run(contactId, start, count, 1);
    return noticed ? 'drop' : 'notice';
  };
}
