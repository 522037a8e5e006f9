/**
 * The officers' live feed: what happened since a cursor, read from committed rows only
 * (`case_events` and the emergency/acknowledgement lines of `audit`), so every writer — chat
 * turns, the API, jobs, the dashboard — is covered without hooking any of them.
 */
import type { DB } from '../../store/db.js';
import type { CaseStatus } from './categories.js';
import { deliveryChangesSince, lastDeliveryChange } from './threadDelivery.js';

/** Rows read per source in one poll (a burst larger than this is read over the next polls). */
export const FEED_BATCH = 500;
/** Emergency alerts shown in the inbox until acknowledged, at most this old. */
export const SOS_SHOWN_MS = 24 * 3600_000;
/** Audit actions that belong in the feed. */
export const FEED_AUDIT_ACTIONS = ['emergency_alert', 'case_viewed', 'alert_acknowledged'] as const;

export interface FeedCursor {
  eventId: number;
  auditId: number;
  /** Delivery changes of officers' thread messages (threadDelivery.ts). */
  deliveryId?: number;
}

export type FeedItem =
  | { source: 'case'; id: number; caseId: number; ref: string; kind: string; actor: string; status: CaseStatus; urgent: boolean; at: number }
  | { source: 'audit'; id: number; action: (typeof FEED_AUDIT_ACTIONS)[number]; actor: string; subject: string | null; at: number }
  | { source: 'delivery'; id: number; caseId: number; ref: string; at: number };

/** The cursor at the newest committed rows (a new stream starts here). */
export function feedCursor(db: DB): FeedCursor {
  return {
    eventId: (db.prepare('SELECT COALESCE(MAX(id), 0) FROM case_events').pluck().get() as number) ?? 0,
    auditId: (db.prepare('SELECT COALESCE(MAX(id), 0) FROM audit').pluck().get() as number) ?? 0,
    deliveryId: lastDeliveryChange(db),
  };
}

/** Feed items after the cursor (oldest first) and the cursor to pass next time. */
export function feedSince(db: DB, cur: FeedCursor): { items: FeedItem[]; next: FeedCursor } {
  const events = db
    .prepare(
      `SELECT e.id, e.case_id AS caseId, c.ref, e.kind, e.actor, c.status, c.urgent, e.at FROM case_events e JOIN cases c ON c.id = e.case_id
       WHERE e.id > ? ORDER BY e.id LIMIT ?`,
    )
    .all(cur.eventId, FEED_BATCH) as { id: number; caseId: number; ref: string; kind: string; actor: string; status: CaseStatus; urgent: number; at: number }[];
  const audits = db
    .prepare(`SELECT id, action, actor, subject, at FROM audit WHERE id > ? ORDER BY id LIMIT ?`)
    .all(cur.auditId, FEED_BATCH) as { id: number; action: string; actor: string; subject: string | null; at: number }[];
  const items: FeedItem[] = [
    ...events.map((e) => ({ source: 'case' as const, ...e, urgent: e.urgent === 1 })),
    ...audits
      .filter((a) => (FEED_AUDIT_ACTIONS as readonly string[]).includes(a.action))
      .map((a) => ({ source: 'audit' as const, ...a, action: a.action as (typeof FEED_AUDIT_ACTIONS)[number] })),
  ].sort((a, b) => a.at - b.at);
  // Delivery changes come last in a poll: a thread message and its first state arrive together.
  const deliveries = deliveryChangesSince(db, cur.deliveryId ?? 0, FEED_BATCH);
  const seenRows = new Set<string>();
  for (const d of deliveries) {
    if (seenRows.has(d.ref)) continue;
    seenRows.add(d.ref);
    items.push({ source: 'delivery', id: d.id, caseId: d.caseId, ref: d.ref, at: 0 });
  }
  return {
    items,
    next: { eventId: events.at(-1)?.id ?? cur.eventId, auditId: audits.at(-1)?.id ?? cur.auditId, deliveryId: deliveries.at(-1)?.id ?? cur.deliveryId ?? 0 },
  };
}

export interface SosAlert {
  /** What officers acknowledge: the urgent case's reference (older alerts without one: `sos:<audit id>`). */
  key: string;
  at: number;
  channel: string | null;
  country: string | null;
  /** The urgent case the emergency word opened, if any. */
  ref: string | null;
}

const SOS_SELECT = `SELECT a.id, a.at, ct.channel, COALESCE(c.country, ct.country) AS country, c.ref
  FROM audit a
  LEFT JOIN contacts ct ON a.actor LIKE 'contact:%' AND ct.id = CAST(substr(a.actor, 9) AS INTEGER)
  LEFT JOIN cases c ON c.ref = a.subject`;

type SosRow = { id: number; at: number; channel: string | null; country: string | null; ref: string | null };
const toSos = (r: SosRow): SosAlert => ({ key: r.ref ?? `sos:${r.id}`, at: r.at, channel: r.channel, country: r.country, ref: r.ref });

/** Emergency-word alerts of the last SOS_SHOWN_MS that no officer opened or acknowledged since, newest first. */
export function openSosAlerts(db: DB, now: number): SosAlert[] {
  return (
    db
      .prepare(
        `${SOS_SELECT}
         WHERE a.action = 'emergency_alert' AND a.at >= ?
           AND NOT EXISTS (SELECT 1 FROM audit k WHERE k.id > a.id AND k.action IN ('alert_acknowledged', 'case_viewed')
                           AND k.subject = COALESCE(c.ref, 'sos:' || a.id))
         ORDER BY a.id DESC LIMIT 20`,
      )
      .all(now - SOS_SHOWN_MS) as SosRow[]
  ).map(toSos);
}

/** One emergency alert by its audit id, for the live feed. */
export function sosAlert(db: DB, auditId: number): SosAlert | undefined {
  const r = db.prepare(`${SOS_SELECT} WHERE a.id = ? AND a.action = 'emergency_alert'`).get(auditId) as SosRow | undefined;
  return r && toSos(r);
}
