/** Retention: forget old dedupe rows and delivered outbox rows (they hold rendered message text). */
import type { DB } from '../store/db.js';

/** Platforms redeliver within hours; a week of ids is ample. */
export const INBOUND_SEEN_RETENTION_MS = 7 * 24 * 3600_000;
/** Delivered or finally failed messages are kept this long for troubleshooting, then erased. */
export const OUTBOX_RETENTION_MS = 30 * 24 * 3600_000;

export function runRetention(db: DB, now: number): { inboundSeen: number; outbox: number } {
  const inboundSeen = db.prepare('DELETE FROM inbound_seen WHERE seen_at < ?').run(now - INBOUND_SEEN_RETENTION_MS).changes;
  const outbox = db
    .prepare("DELETE FROM outbox WHERE state IN ('sent', 'failed', 'skipped', 'cancelled') AND created_at < ?")
    .run(now - OUTBOX_RETENTION_MS).changes;
  return { inboundSeen, outbox };
}
