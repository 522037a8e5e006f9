/**
 * Alert floods. Thirty anonymous `sos` in a few seconds must not bury a real alert under thirty
 * messages. Urgent alerts from NEW contacts (first seen within NEW_CONTACT_MS, no case of their
 * own) are counted: up to ALERTS_BEFORE_GROUPING within ALERT_FLOOD_WINDOW_MS go out one by one;
 * beyond that they are held and sent as ONE alert that lists them, with a flood warning, by the
 * minute job (flushHeldAlerts). Alerts from known contacts always go out at once.
 */
import type { Reply, Text } from '../../conversation/flow.js';
import type { Lang } from '../../core/types.js';
import { PRIORITY } from '../../outbox/store.js';
import type { DB } from '../../store/db.js';
import type { NotifyContact as Notify } from '../../outbox/notifier.js';
import { countryLabel, notifyOfficers } from './alerts.js';
import type { AlertAbout } from './dutyAlerts.js';

/** A contact counts as new (anonymous, costless to create) for this long after its first message. */
export const NEW_CONTACT_MS = 3600_000;
/** The window in which alerts from new contacts are counted. */
export const ALERT_FLOOD_WINDOW_MS = 60_000;
/** Alerts from new contacts sent one by one within the window; further ones are grouped. */
export const ALERTS_BEFORE_GROUPING = 3;
/** Held alerts listed by name in the grouped alert (the rest are counted). */
export const MAX_LISTED = 30;

export type AlertKind = 'sos' | 'words' | 'category';

interface Who {
  contactId: number;
  channel: string;
  country: string | null;
}

/** True when the contact is new: first seen within NEW_CONTACT_MS and no case of their own. */
export function isNewContact(db: DB, contactId: number, now: number): boolean {
  const row = db.prepare('SELECT created_at FROM contacts WHERE id = ?').get(contactId) as { created_at: number } | undefined;
  if (!row || now - row.created_at > NEW_CONTACT_MS) return false;
  // A case opened in this very turn (sos opens one at once) does not make the contact known.
  return db.prepare('SELECT 1 FROM cases WHERE reporter_contact_id = ? AND created_at < ? LIMIT 1').get(contactId, now) === undefined;
}

/**
 * Sends an urgent alert to officers (on duty first when `about` names the case), or holds it for the grouped alert when new contacts are
 * flooding. Returns 'sent' or 'held'.
 */
export function alertOrHold(db: DB, notify: Notify, who: Who, kind: AlertKind, now: number, build: (lang: Lang | null) => Reply, about?: AlertAbout): 'sent' | 'held' {
  if (!isNewContact(db, who.contactId, now)) {
    notifyOfficers(db, notify, build, undefined, PRIORITY.urgent, about);
    return 'sent';
  }
  const recent = db.prepare('SELECT COUNT(*) FROM held_alerts WHERE at > ?').pluck().get(now - ALERT_FLOOD_WINDOW_MS) as number;
  const held = recent >= ALERTS_BEFORE_GROUPING;
  db.prepare('INSERT INTO held_alerts (at, contact_id, channel, country, kind, sent_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    now,
    who.contactId,
    who.channel,
    who.country,
    kind,
    held ? null : now,
  );
  if (held) return 'held';
  notifyOfficers(db, notify, build, undefined, PRIORITY.urgent, about);
  return 'sent';
}

interface HeldRow {
  id: number;
  at: number;
  channel: string;
  country: string | null;
  kind: AlertKind;
}

/** Sends the held alerts as one grouped alert with a flood warning (urgent lane); returns how many it listed. */
export function flushHeldAlerts(db: DB, notify: Notify, now: number, timeOf: (at: number) => string): number {
  const rows = db.prepare('SELECT id, at, channel, country, kind FROM held_alerts WHERE sent_at IS NULL ORDER BY id').all() as HeldRow[];
  if (!rows.length) return 0;
  db.prepare(`UPDATE held_alerts SET sent_at = ? WHERE id IN (${rows.map(() => '?').join(',')})`).run(now, ...rows.map((r) => r.id));
  notifyOfficers(
    db,
    notify,
    (lang) => {
      const lines: Text[] = [{ key: 'officer.urgentMark' }, { key: 'officer.alertFlood', vars: { count: rows.length + ALERTS_BEFORE_GROUPING, grouped: rows.length } }];
      for (const r of rows.slice(0, MAX_LISTED)) {
        lines.push({
          key: 'officer.alertFloodLine',
          vars: { time: timeOf(r.at), channel: r.channel, country: r.country ? countryLabel(r.country, null, lang) : '-', kind: { t: `officer.reason.${r.kind}` } },
        });
      }
      if (rows.length > MAX_LISTED) lines.push({ key: 'officer.alertFloodMore', vars: { more: rows.length - MAX_LISTED } });
      return { text: { lines } };
    },
    undefined,
    PRIORITY.urgent,
  );
  return rows.length;
}
