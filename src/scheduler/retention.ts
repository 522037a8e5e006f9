/**
 * Retention: forget what is no longer needed. Dedupe rows, delivered outbox rows (they hold rendered
 * message text), flood counters, wrong-PIN records, idle conversations (half-written answers), and
 * the personal fields of cases closed long ago (category, country, dates and outcome stay for
 * statistics). The audit log is append-only and holds no message text; it is kept.
 */
import { REF_LEVEL_MEMORY_MS } from '../domain/cases/pinGuard.js';
import { eraseCaseRows, removeCaseFiles } from '../domain/cases/erasure.js';
import type { DB } from '../store/db.js';
import { OutboxStore } from '../outbox/store.js';
import { DELIVERY_CHANGES_KEPT, pruneDeliveryChanges } from '../domain/cases/threadDelivery.js';

const DAY_MS = 24 * 3600_000;
/** Platforms redeliver within hours; a week of ids is ample. */
export const INBOUND_SEEN_RETENTION_MS = 7 * DAY_MS;
/** Delivered or finally failed messages are kept this long for troubleshooting, then erased. */
export const OUTBOX_RETENTION_MS = 30 * DAY_MS;
/** Flood counters only matter within their window. */
export const RATE_WINDOW_RETENTION_MS = DAY_MS;
/** Wrong-PIN records matter for an hour (PIN_WINDOW_MS); a day is kept for review. */
export const PIN_ATTEMPT_RETENTION_MS = DAY_MS;
/** A conversation untouched this long is forgotten (the next message starts at the main menu). */
export const IDLE_SESSION_RETENTION_MS = 30 * DAY_MS;
/** Personal fields, free text and evidence of a resolved or closed case are erased this long after its last change. */
export const CLOSED_CASE_RETENTION_MS = 365 * DAY_MS;

export interface RetentionResult {
  inboundSeen: number;
  outbox: number;
  rateWindows: number;
  pinAttempts: number;
  /** Alert-flood bookkeeping (held_alerts) and PIN locks long expired and forgotten. */
  abuseRows: number;
  sessions: number;
  closedCases: number;
  files: number;
}

/** Runs every rule in one transaction; evidence files are removed after the rows are updated. */
export function runRetention(db: DB, now: number, dataDir?: string): RetentionResult {
  const files: string[] = [];
  const result = db.transaction((): RetentionResult => {
    const inboundSeen = db.prepare('DELETE FROM inbound_seen WHERE seen_at < ?').run(now - INBOUND_SEEN_RETENTION_MS).changes;
    const outbox = new OutboxStore(db).purgeFinishedBefore(now - OUTBOX_RETENTION_MS);
    const rateWindows = db.prepare('DELETE FROM rate_windows WHERE window_start < ?').run(now - RATE_WINDOW_RETENTION_MS).changes;
    const pinAttempts = db.prepare('DELETE FROM pin_attempts WHERE at < ?').run(now - PIN_ATTEMPT_RETENTION_MS).changes;
    const abuseRows =
      db.prepare('DELETE FROM held_alerts WHERE sent_at IS NOT NULL AND at < ?').run(now - PIN_ATTEMPT_RETENTION_MS).changes +
      db.prepare('DELETE FROM pin_locks WHERE locked_until < ? AND last_wrong_at < ?').run(now - REF_LEVEL_MEMORY_MS, now - REF_LEVEL_MEMORY_MS).changes;
    const sessions = db.prepare('DELETE FROM sessions WHERE updated_at < ?').run(now - IDLE_SESSION_RETENTION_MS).changes;
    // The live dashboard's cursor over delivery changes needs only the recent ones.
    pruneDeliveryChanges(db, DELIVERY_CHANGES_KEPT);
    const old = db
      .prepare("SELECT id FROM cases WHERE status IN ('resolved', 'closed') AND erased_at IS NULL AND updated_at < ?")
      .pluck()
      .all(now - CLOSED_CASE_RETENTION_MS) as number[];
    for (const id of old) files.push(...eraseCaseRows(db, id, now, 'system'));
    return { inboundSeen, outbox, rateWindows, pinAttempts, abuseRows, sessions, closedCases: old.length, files: 0 };
  })();
  result.files = dataDir ? removeCaseFiles(dataDir, files) : 0;
  return result;
}
