/**
 * Delivery state of what officers send to a reporter, per thread message. When an officer's
 * message (or a status notice) is queued, its case event is linked to the outbox row that carries
 * it (`case_event_outbox`, same transaction); the case page reads the row's state: queued, held
 * until the reporter's safe time, waiting for the reporter's answer (WhatsApp template), sent,
 * delivered / read (where the platform reports receipts), failed with the reason.
 */
import type { DB } from '../../store/db.js';
import { type CaseEvent, caseEvents } from './cases.js';

/** Delivery changes kept for the live dashboard's cursor (older ones are pruned by retention). */
export const DELIVERY_CHANGES_KEPT = 10_000;

/** What the officer sees under a message they sent. */
export type DeliveryState = 'queued' | 'held' | 'waiting' | 'sent' | 'delivered' | 'read' | 'failed' | 'not_sent' | 'stored' | 'cleared';

export interface Delivery {
  state: DeliveryState;
  /** Held: when it goes out (the reporter's safe time opens). */
  until?: number;
  /** Failed / not sent / retrying: the channel's or our reason. */
  reason?: string;
  /** When it left (sent and later). */
  sentAt?: number;
}

/** A thread entry: the case event and, for messages to the reporter, its delivery. */
export interface ThreadEntry extends CaseEvent {
  delivery: Delivery | null;
}

/** The highest outbox id now (call before queueing; `linkQueued` finds the row written after it). */
export function outboxMark(db: DB): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM outbox').pluck().get() as number) ?? 0;
}

/**
 * Links a case event to the outbox row just queued to `contactId` (the first one after `mark`, in
 * the same transaction); returns the outbox id, or null when nothing was queued.
 */
export function linkQueued(db: DB, eventId: number, caseId: number, contactId: number, mark: number): number | null {
  const id = db.prepare('SELECT id FROM outbox WHERE id > ? AND contact_id = ? ORDER BY id LIMIT 1').pluck().get(mark, contactId) as number | undefined;
  if (id === undefined) return null;
  db.prepare('INSERT OR IGNORE INTO case_event_outbox (event_id, case_id, outbox_id) VALUES (?, ?, ?)').run(eventId, caseId, id);
  return id;
}

interface LinkRow {
  eventId: number;
  outboxId: number;
  state: string | null;
  deliveryStatus: string | null;
  holdUntil: number | null;
  holdReason: string | null;
  lastError: string | null;
  sentAt: number | null;
}

/** The delivery of one linked outbox row at `now` (null row: the row was removed after retention). */
export function deliveryOf(r: Omit<LinkRow, 'eventId' | 'outboxId'> | null, now: number): Delivery {
  if (!r || r.state === null) return { state: 'cleared' };
  const reason = r.lastError ?? undefined;
  switch (r.state) {
    case 'pending':
    case 'sending':
      if (r.state === 'pending' && r.holdUntil !== null && r.holdUntil > now) {
        return r.holdReason === 'reply_window' ? { state: 'waiting', until: r.holdUntil } : { state: 'held', until: r.holdUntil };
      }
      return { state: 'queued', reason };
    case 'sent': {
      const sentAt = r.sentAt ?? undefined;
      if (r.deliveryStatus === 'failed') return { state: 'failed', reason, sentAt };
      if (r.deliveryStatus === 'read') return { state: 'read', sentAt };
      if (r.deliveryStatus === 'delivered') return { state: 'delivered', sentAt };
      return { state: 'sent', sentAt };
    }
    case 'failed':
      return { state: 'failed', reason };
    default:
      // skipped (blocked chat, expired before the safe time) or cancelled
      return { state: 'not_sent', reason };
  }
}

/** Deliveries of a case's linked events, by event id. */
export function deliveriesOf(db: DB, caseId: number, now: number): Map<number, Delivery> {
  const rows = db
    .prepare(
      `SELECT l.event_id AS eventId, l.outbox_id AS outboxId, o.state, o.delivery_status AS deliveryStatus, o.hold_until AS holdUntil,
              o.hold_reason AS holdReason, o.last_error AS lastError, o.sent_at AS sentAt
       FROM case_event_outbox l LEFT JOIN outbox o ON o.id = l.outbox_id WHERE l.case_id = ?`,
    )
    .all(caseId) as LinkRow[];
  return new Map(rows.map((r) => [r.eventId, deliveryOf(r, now)]));
}

/**
 * The case's thread in order (oldest first) with the delivery of every message to the reporter.
 * An officer's message with no outbox row was kept for a reporter who cannot be messaged
 * (anonymous, erased, asked not to be contacted): `stored`, they read it when they check.
 */
export function caseThread(db: DB, caseId: number, now: number): ThreadEntry[] {
  const deliveries = deliveriesOf(db, caseId, now);
  // Officers' messages written before links were recorded say nothing rather than guess.
  const linksFrom = Number(db.prepare("SELECT value FROM kv WHERE key = 'thread.linksFromEvent'").pluck().get() ?? 0);
  return caseEvents(db, caseId).map((e) => {
    const d = deliveries.get(e.id);
    if (d) return { ...e, delivery: d };
    return { ...e, delivery: e.kind === 'message_out' && e.id >= linksFrom ? { state: 'stored' } : null };
  });
}

/** Delivery changes of thread messages after `afterId` (the live dashboard's cursor), oldest first. */
export function deliveryChangesSince(db: DB, afterId: number, limit: number): { id: number; caseId: number; ref: string; outboxId: number }[] {
  return db
    .prepare(
      `SELECT d.id, d.case_id AS caseId, c.ref, d.outbox_id AS outboxId FROM thread_deliveries d JOIN cases c ON c.id = d.case_id
       WHERE d.id > ? ORDER BY d.id LIMIT ?`,
    )
    .all(afterId, limit) as { id: number; caseId: number; ref: string; outboxId: number }[];
}

/** The newest delivery change id (a live stream starts after it). */
export function lastDeliveryChange(db: DB): number {
  return (db.prepare('SELECT COALESCE(MAX(id), 0) FROM thread_deliveries').pluck().get() as number) ?? 0;
}

/** Forgets delivery changes older than the newest `keep` (the live cursor only needs recent ones). */
export function pruneDeliveryChanges(db: DB, keep: number): number {
  return db.prepare('DELETE FROM thread_deliveries WHERE id <= (SELECT MAX(id) FROM thread_deliveries) - ?').run(keep).changes;
}
