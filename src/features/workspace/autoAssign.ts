/**
 * Optional automatic assignment (AUTO_ASSIGN=round_robin): every minute, new cases nobody holds
 * go in turn to the officer accounts on duty. Off by default.
 */
import { autoAssignCase, casesAwaitingAssignment } from '../../domain/cases/assignment.js';
import { officerRoster } from '../../domain/officers/workspace.js';
import { getOfficer } from '../../domain/officers/accounts.js';
import { KeyValueStore } from '../../store/kv.js';
import type { Services } from '../services.js';

/** Every minute, in the home time zone. */
export const AUTO_ASSIGN_SCHEDULE = '* * * * *';
/** Where the turn is kept: the id of the account that got the last case. */
const LAST_KEY = 'workspace.autoAssign.last';

/** Assigns waiting cases round robin among on-duty accounts; returns how many were assigned. */
export function runAutoAssign(s: Pick<Services, 'db' | 'config' | 'clock' | 'audit'>): number {
  if (s.config.AUTO_ASSIGN !== 'round_robin') return 0;
  const { db } = s;
  return db.transaction(() => {
    const onDuty = officerRoster(db)
      .filter((o) => !o.away)
      .map((o) => o.id)
      .sort((a, b) => a - b);
    if (!onDuty.length) return 0;
    const kv = new KeyValueStore(db);
    let last = Number(kv.get(LAST_KEY) ?? 0);
    const now = s.clock.now();
    let n = 0;
    for (const c of casesAwaitingAssignment(db)) {
      const next = onDuty.find((id) => id > last) ?? onDuty[0];
      const account = getOfficer(db, next);
      if (!account) continue;
      autoAssignCase(db, c.id, account, now);
      s.audit.record(now, 'system', 'case_auto_assigned', c.ref, `officer:${next}`);
      last = next;
      n++;
    }
    kv.set(LAST_KEY, String(last));
    return n;
  })();
}
