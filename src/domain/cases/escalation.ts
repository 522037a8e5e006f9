/** Escalation: a new case no officer acted on within its time is re-announced to all officers, again and again. */
import type { NotifyContact } from '../../outbox/notifier.js';
import type { DB } from '../../store/db.js';
import { escalationAlert, notifyOfficers } from './alerts.js';
import { casePriority } from './urgency.js';
import { type Case, addEvent, caseById } from './cases.js';

/** How often the job looks (cron, home time zone). */
export const ESCALATION_SCHEDULE = '*/5 * * * *';

export interface EscalationTimes {
  /** Time without officer action before an urgent case is re-announced (and between repeats). */
  urgentMs: number;
  normalMs: number;
}

/** Re-announces every overdue unhandled case (urgent first); returns their references. */
export function escalateUnhandled(db: DB, notify: NotifyContact, now: number, times: EscalationTimes): string[] {
  const ids = db
    .prepare(
      `SELECT id FROM cases WHERE status = 'new' AND first_action_at IS NULL
         AND ? - COALESCE(last_escalated_at, created_at) >= CASE WHEN urgent = 1 THEN ? ELSE ? END
       ORDER BY urgent DESC, created_at`,
    )
    .pluck()
    .all(now, times.urgentMs, times.normalMs) as number[];
  const refs: string[] = [];
  for (const id of ids) {
    const c = caseById(db, id) as Case;
    const hours = Math.floor((now - c.createdAt) / 3600_000);
    notifyOfficers(db, notify, (lang) => escalationAlert(c, lang, hours), undefined, casePriority(c));
    db.prepare('UPDATE cases SET last_escalated_at = ?, escalations = escalations + 1 WHERE id = ?').run(now, id);
    addEvent(db, id, now, 'system', 'escalated');
    refs.push(c.ref);
  }
  return refs;
}
