/**
 * On duty first, for chat alerts about a case. An officer chat whose linked dashboard account
 * (`officers.contact_id`) is marked away hears a new-case or urgent alert later; a chat with no
 * account counts as on duty. When members of the case's team are on duty, they alone hear it
 * first. The rest hear it after ALERT_AWAY_DELAY_SECONDS unless an officer opened or acted on the
 * case by then. Nobody on duty: everyone at once.
 *
 * The second wave is kept in the database (kv rows `alerts.later:<case id>`, each a list of
 * waiting alerts already rendered as Replies per recipient), written in the same transaction as
 * the first wave, and sent by a job (sendDueAlerts); so a restart in between loses nothing.
 */
import type { Reply } from '../../core/text.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import type { Priority } from '../../outbox/store.js';
import { type DB, prepared } from '../../store/db.js';
import { KeyValueStore } from '../../store/kv.js';
import { casePriority } from './urgency.js';

/** kv key prefix of the waiting second waves, one row per case. */
export const LATER_PREFIX = 'alerts.later:';
/** How often the job looks for second waves that are due (cron with seconds). */
export const DUE_ALERTS_SCHEDULE = '*/15 * * * * *';
/** Audit actions that mean an officer opened or acted on a case (case events by officers count too). */
const HANDLED_ACTIONS = ['case_viewed', 'alert_acknowledged', 'case_replied', 'case_status', 'case_assigned', 'case_referred', 'case_team'] as const;

/** The case an alert is about and when it is sent: enables on duty first. */
export interface AlertAbout {
  caseId: number;
  now: number;
}

/** Who hears an alert now, and who later. */
export interface AlertWaves {
  now: number[];
  later: number[];
}

interface LaterSend {
  to: number;
  reply: Reply;
}

interface LaterAlert {
  since: number;
  priority: Priority | null;
  sends: LaterSend[];
}

interface ChatDuty {
  id: number;
  away: number;
  unreachable: number;
  inTeam: number;
}

/**
 * Splits officer chats into the first and second wave for an alert about a case of team `teamId`
 * (null: no team): on-duty team members, else everyone on duty, first; nobody on duty (or no chat
 * on duty the platform accepts): all now.
 */
export function alertWaves(db: DB, chatIds: number[], teamId: number | null): AlertWaves {
  if (!chatIds.length) return { now: [], later: [] };
  // Prepared once per number of chats (the IN list), not on every alert.
  const rows = prepared(
    db,
    `SELECT c.id,
         -- away: linked to an active account marked away, and to none on duty
         (EXISTS (SELECT 1 FROM officers o WHERE o.contact_id = c.id AND o.disabled_at IS NULL AND o.away = 1)
          AND NOT EXISTS (SELECT 1 FROM officers o WHERE o.contact_id = c.id AND o.disabled_at IS NULL AND o.away = 0)) AS away,
         EXISTS (SELECT 1 FROM officers o JOIN team_members m ON m.officer_id = o.id
                 WHERE o.contact_id = c.id AND o.disabled_at IS NULL AND m.team_id = ?) AS inTeam
         , c.unreachable_at IS NOT NULL AS unreachable
       FROM contacts c WHERE c.id IN (${chatIds.map(() => '?').join(',')})`,
  ).all(teamId ?? -1, ...chatIds) as ChatDuty[];
  const byId = new Map(rows.map((r) => [r.id, r]));
  // A chat the platform refused (blocked, never started) cannot take the first wave: it would wait for nobody.
  const onDuty = chatIds.filter((id) => byId.get(id)?.away !== 1 && byId.get(id)?.unreachable !== 1);
  const teamOnDuty = onDuty.filter((id) => byId.get(id)?.inTeam === 1);
  const first = new Set(teamOnDuty.length ? teamOnDuty : onDuty.length ? onDuty : chatIds);
  return { now: chatIds.filter((id) => first.has(id)), later: chatIds.filter((id) => !first.has(id)) };
}

/** The team of a case (null: none), read for an alert. */
export function caseTeamId(db: DB, caseId: number): number | null {
  return (prepared(db, 'SELECT team_id FROM cases WHERE id = ?').pluck().get(caseId) as number | null | undefined) ?? null;
}

/** Keeps a second wave for the job (inside the caller's transaction). */
export function holdForLater(db: DB, about: AlertAbout, sends: LaterSend[], priority: Priority | undefined): void {
  if (!sends.length) return;
  const kv = new KeyValueStore(db);
  const key = `${LATER_PREFIX}${about.caseId}`;
  const waiting = readLater(kv.get(key));
  waiting.push({ since: about.now, priority: priority ?? null, sends });
  kv.set(key, JSON.stringify(waiting));
}

function readLater(raw: string | undefined): LaterAlert[] {
  if (!raw) return [];
  try {
    const v = JSON.parse(raw) as unknown;
    return Array.isArray(v) ? (v as LaterAlert[]) : [];
  } catch {
    return [];
  }
}

/** True when an officer opened or acted on the case at or after `since` (dashboard, chat or API). */
export function handledSince(db: DB, caseId: number, since: number): boolean {
  const marks = HANDLED_ACTIONS.map(() => '?').join(',');
  return (
    db
      .prepare(
        `SELECT EXISTS (SELECT 1 FROM audit a JOIN cases c ON c.ref = a.subject WHERE c.id = ? AND a.action IN (${marks}) AND a.at >= ?)
             OR EXISTS (SELECT 1 FROM case_events e WHERE e.case_id = ? AND e.at >= ?
                          AND (e.actor LIKE 'officer:%' OR e.actor LIKE 'dashboard:%' OR e.actor = 'api'))`,
      )
      .pluck()
      .get(caseId, ...HANDLED_ACTIONS, since, caseId, since) === 1
  );
}

/** Second waves waiting, by case (for tests and the doctor). */
export function waitingAlerts(db: DB): { caseId: number; since: number; recipients: number[] }[] {
  const rows = db.prepare("SELECT key, value FROM kv WHERE key >= ? AND key < ? ORDER BY key").all(LATER_PREFIX, `${LATER_PREFIX}~`) as { key: string; value: string }[];
  return rows.flatMap((r) => readLater(r.value).map((a) => ({ caseId: Number(r.key.slice(LATER_PREFIX.length)), since: a.since, recipients: a.sends.map((s) => s.to) })));
}

/**
 * Sends the second waves that are due (`delayMs` after their alert) to the officer chats that
 * have not heard them, unless an officer opened or acted on the case since; either way the wave
 * is done (a case erased on request since is dropped too). Returns how many messages were sent and
 * how many waves were dropped as handled.
 */
export function sendDueAlerts(db: DB, notify: NotifyContact, now: number, delayMs: number): { sent: number; handled: number } {
  const kv = new KeyValueStore(db);
  const rows = db.prepare('SELECT key, value FROM kv WHERE key >= ? AND key < ?').all(LATER_PREFIX, `${LATER_PREFIX}~`) as { key: string; value: string }[];
  const stillOfficer = db.prepare("SELECT 1 FROM contacts WHERE id = ? AND role = 'officer'").pluck();
  const caseRow = db.prepare('SELECT urgent, erased_at AS erasedAt FROM cases WHERE id = ?');
  let sent = 0;
  let handled = 0;
  for (const row of rows) {
    const caseId = Number(row.key.slice(LATER_PREFIX.length));
    const keep: LaterAlert[] = [];
    for (const wave of readLater(row.value)) {
      if (wave.since + delayMs > now) {
        keep.push(wave);
        continue;
      }
      const c = caseRow.get(caseId) as { urgent: number; erasedAt: number | null } | undefined;
      // Handled, or erased on request since (the waiting alert may quote what the reporter wrote).
      if (!c || c.erasedAt !== null || handledSince(db, caseId, wave.since)) {
        handled++;
        continue;
      }
      const priority = wave.priority ?? casePriority({ urgent: c.urgent === 1 });
      for (const s of wave.sends) {
        if (stillOfficer.get(s.to) !== 1) continue;
        notify(s.to, s.reply, priority);
        sent++;
      }
    }
    kv.set(row.key, keep.length ? JSON.stringify(keep) : null);
  }
  return { sent, handled };
}
