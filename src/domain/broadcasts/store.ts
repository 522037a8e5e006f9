/**
 * The broadcast lifecycle: scheduled -> queued -> sending -> done, or cancelled at any point before
 * done. Per-recipient results are the broadcast's outbox rows; progress is counted from them.
 */
import type { Lang, OutboundMedia } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import type { Outgoing } from '../../outbox/notifier.js';
import { OutboxStore } from '../../outbox/store.js';
import type { DB } from '../../store/db.js';
import { type BroadcastAudience, audienceSchema } from './audience.js';
import { enqueueBroadcastRows } from './enqueue.js';
import { codeFor, isWellFormed, verifyKey } from './verifyCode.js';
import type { BroadcastTexts } from './payload.js';

/** How many broadcasts a list shows. */
export const LIST_LIMIT = 20;

export type BroadcastState = 'scheduled' | 'queued' | 'sending' | 'done' | 'cancelled';

export interface Broadcast {
  id: number;
  audience: BroadcastAudience;
  texts: BroadcastTexts;
  media: OutboundMedia | null;
  urgent: boolean;
  scheduledAt: number | null;
  state: BroadcastState;
  createdBy: string;
  createdAt: number;
  enqueuedAt: number | null;
  finishedAt: number | null;
  recipients: number | null;
  /** Verification code (without the dash), set when the broadcast is created. */
  verifyCode: string | null;
}

export interface Progress {
  sent: number;
  failed: number;
  skipped: number;
  cancelled: number;
  /** Not delivered yet: waiting, retrying or being sent. */
  remaining: number;
}

export interface NewBroadcast {
  audience: BroadcastAudience;
  texts: BroadcastTexts;
  media?: OutboundMedia | null;
  urgent: boolean;
  /** UTC ms; null or a time already past means at once. */
  scheduledAt: number | null;
  createdBy: string;
}

/** What enqueueing needs besides the database. */
export interface BroadcastDeps {
  db: DB;
  translator: Translator;
  defaultLang: Lang;
  /** DATA_DIR: where the verification key is kept. */
  dataDir: string;
}

/** Gives a broadcast its verification code (a keyed hash of its id; another on the rare clash). */
function assignVerifyCode(deps: BroadcastDeps, id: number): void {
  const key = verifyKey(deps.dataDir);
  const taken = deps.db.prepare('SELECT 1 FROM broadcasts WHERE verify_code = ?').pluck();
  let attempt = 0;
  let code = codeFor(key, id, attempt);
  // A code of digits only would read as a phone number: take the next one (rare).
  while (taken.get(code) || !isWellFormed(code)) code = codeFor(key, id, ++attempt);
  deps.db.prepare('UPDATE broadcasts SET verify_code = ? WHERE id = ? AND verify_code IS NULL').run(code, id);
}

interface Row {
  id: number;
  audience: string;
  texts: string;
  media: string | null;
  urgent: number;
  scheduled_at: number | null;
  state: BroadcastState;
  created_by: string;
  created_at: number;
  enqueued_at: number | null;
  finished_at: number | null;
  recipients: number | null;
  verify_code: string | null;
  sent_count: number;
  failed_count: number;
  skipped_count: number;
  cancelled_count: number;
}

function toBroadcast(r: Row): Broadcast {
  return {
    id: r.id,
    audience: audienceSchema.parse(JSON.parse(r.audience)),
    texts: JSON.parse(r.texts) as BroadcastTexts,
    media: r.media ? (JSON.parse(r.media) as OutboundMedia) : null,
    urgent: r.urgent === 1,
    scheduledAt: r.scheduled_at,
    state: r.state,
    createdBy: r.created_by,
    createdAt: r.created_at,
    enqueuedAt: r.enqueued_at,
    finishedAt: r.finished_at,
    recipients: r.recipients,
    verifyCode: r.verify_code,
  };
}

/** Reads one broadcast. */
export function getBroadcast(db: DB, id: number): Broadcast | undefined {
  const r = db.prepare('SELECT * FROM broadcasts WHERE id = ?').get(id) as Row | undefined;
  return r && toBroadcast(r);
}

/** The newest broadcasts first. */
export function listBroadcasts(db: DB, limit = LIST_LIMIT): Broadcast[] {
  return (db.prepare('SELECT * FROM broadcasts ORDER BY id DESC LIMIT ?').all(limit) as Row[]).map(toBroadcast);
}

/**
 * Stores a broadcast; one due now is queued through `out` in the same transaction (delivery is
 * woken after the commit).
 */
export function createBroadcast(deps: BroadcastDeps, out: Outgoing, input: NewBroadcast, now: number): { broadcast: Broadcast } {
  return deps.db.transaction(() => {
    const due = input.scheduledAt === null || input.scheduledAt <= now;
    const id = Number(
      deps.db
        .prepare(
          `INSERT INTO broadcasts (audience, texts, media, urgent, scheduled_at, state, created_by, created_at)
           VALUES (?, ?, ?, ?, ?, 'scheduled', ?, ?)`,
        )
        .run(
          JSON.stringify(input.audience),
          JSON.stringify(input.texts),
          input.media ? JSON.stringify(input.media) : null,
          input.urgent ? 1 : 0,
          input.scheduledAt,
          input.createdBy,
          now,
        ).lastInsertRowid,
    );
    assignVerifyCode(deps, id);
    if (due) enqueueBroadcast(deps, out, id, now);
    return { broadcast: getBroadcast(deps.db, id) as Broadcast };
  })();
}

/**
 * Moves a scheduled broadcast to queued and queues its messages through `out`, once: a second
 * call (another job run, a restart) finds it no longer scheduled and queues nothing. Returns
 * whether it was queued now.
 */
export function enqueueBroadcast(deps: BroadcastDeps, out: Outgoing, id: number, now: number): boolean {
  const { db } = deps;
  return db.transaction(() => {
    const moved = db.prepare("UPDATE broadcasts SET state = 'queued', enqueued_at = ? WHERE id = ? AND state = 'scheduled'").run(now, id);
    if (moved.changes === 0) return false;
    // Broadcasts scheduled before codes existed get theirs now.
    assignVerifyCode(deps, id);
    const b = getBroadcast(db, id) as Broadcast;
    const count = enqueueBroadcastRows(db, out, deps.translator, deps.defaultLang, { broadcastId: id, ...b }, now);
    db.prepare('UPDATE broadcasts SET recipients = ? WHERE id = ?').run(count.recipients, id);
    refreshState(db, id, now);
    return true;
  })();
}

/** Delivery results so far, counted from the broadcast's outbox rows (stored totals once they are gone). */
export function progress(db: DB, id: number): Progress {
  const p: Progress = { sent: 0, failed: 0, skipped: 0, cancelled: 0, remaining: 0 };
  const rows = db.prepare('SELECT state, COUNT(*) AS n FROM outbox WHERE broadcast_id = ? GROUP BY state').all(id) as { state: string; n: number }[];
  if (!rows.length) {
    // Retention deleted the rows of an old broadcast: report what was stored when it ended.
    const r = db.prepare('SELECT sent_count, failed_count, skipped_count, cancelled_count FROM broadcasts WHERE id = ?').get(id) as Row | undefined;
    if (r) Object.assign(p, { sent: r.sent_count, failed: r.failed_count, skipped: r.skipped_count, cancelled: r.cancelled_count });
    return p;
  }
  for (const { state, n } of rows) {
    if (state === 'pending' || state === 'sending') p.remaining += n;
    else if (state in p) p[state as keyof Progress] += n;
  }
  return p;
}

/** Updates queued/sending/done from the outbox and stores the counts; returns the (new) state. */
export function refreshState(db: DB, id: number, now: number): BroadcastState | undefined {
  const b = db.prepare('SELECT state FROM broadcasts WHERE id = ?').pluck().get(id) as BroadcastState | undefined;
  if (b === undefined || b === 'scheduled' || b === 'done') return b;
  const p = progress(db, id);
  let next: BroadcastState = b;
  if (b !== 'cancelled') next = p.remaining === 0 ? 'done' : p.sent + p.failed > 0 ? 'sending' : 'queued';
  db.prepare(
    `UPDATE broadcasts SET state = ?, sent_count = ?, failed_count = ?, skipped_count = ?, cancelled_count = ?,
       finished_at = CASE WHEN ? IN ('done', 'cancelled') THEN COALESCE(finished_at, ?) ELSE NULL END
     WHERE id = ?`,
  ).run(next, p.sent, p.failed, p.skipped, p.cancelled, next, now, id);
  return next;
}

/**
 * Cancels a scheduled or running broadcast: its messages not yet handed to a channel are
 * cancelled (one already being sent finishes). Returns false when it was already done or cancelled.
 */
export function cancelBroadcast(db: DB, id: number, now: number): boolean {
  return db.transaction(() => {
    const moved = db.prepare("UPDATE broadcasts SET state = 'cancelled' WHERE id = ? AND state IN ('scheduled', 'queued', 'sending')").run(id);
    if (moved.changes === 0) return false;
    new OutboxStore(db).cancelBroadcastRows(id);
    refreshState(db, id, now);
    return true;
  })();
}

/** A message in flight when its broadcast was cancelled settles within this; its count is stored then. */
export const CANCEL_SETTLE_MS = 3600_000;

/** Broadcasts still being delivered, or cancelled lately (for the job that stores their counts). */
export function activeBroadcastIds(db: DB, now: number): number[] {
  return db
    .prepare("SELECT id FROM broadcasts WHERE state IN ('queued', 'sending') OR (state = 'cancelled' AND finished_at > ?)")
    .pluck()
    .all(now - CANCEL_SETTLE_MS) as number[];
}

/** Scheduled broadcasts whose time has come. */
export function dueBroadcastIds(db: DB, now: number): number[] {
  return db.prepare("SELECT id FROM broadcasts WHERE state = 'scheduled' AND scheduled_at <= ? ORDER BY scheduled_at, id").pluck().all(now) as number[];
}
