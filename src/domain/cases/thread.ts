/**
 * Case threads: once an officer has written to a reporter, what the reporter sends next goes to
 * that case (its history and the officer's chat), not to the menu. The thread is a position in
 * the reporter's conversation (the `thread` flow), written when the officer's message is queued.
 */
import type { DB } from '../../store/db.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import { type Case, casesOfReporter, isOpen } from './cases.js';
import type { EvidenceItem } from './evidence.js';
import { addReporterInfo } from './ops.js';
import { OPEN_STATUSES } from './categories.js';

export { THREAD_FLOW, THREAD_WAIT_STEP, openThread } from './threadSession.js';

/**
 * A thread stays open this long after the last message in it; a later message is not relayed
 * straight away but asked about ("send this to the officer handling …?").
 */
export const THREAD_OPEN_MS = 72 * 3600_000;

/** When the thread last moved: the newest message either way (or the case's creation). */
export function lastThreadActivity(db: DB, c: Case): number {
  const last = db
    .prepare("SELECT MAX(at) FROM case_events WHERE case_id = ? AND kind IN ('message_out', 'message_in', 'attachment', 'created')")
    .pluck()
    .get(c.id) as number | null;
  return last ?? c.createdAt;
}

/** True when the thread is still open for a message sent now. */
export function threadOpen(db: DB, c: Case, now: number): boolean {
  return isOpen(c) && now - lastThreadActivity(db, c) <= THREAD_OPEN_MS;
}

/** The reporter's open cases, newest first (the ones a message can go to). */
export function openCasesOf(db: DB, contactId: number): Case[] {
  return casesOfReporter(db, contactId).filter(isOpen);
}

const openRefsStatements = new WeakMap<DB, { all(...params: unknown[]): unknown[] }>();

/** References of the reporter's open cases, newest first (a light read on every turn of a non-officer; the statement is prepared once per database). */
export function openCaseRefsOf(db: DB, contactId: number, limit = 5): string[] {
  let stmt = openRefsStatements.get(db);
  if (!stmt) {
    const marks = OPEN_STATUSES.map(() => '?').join(', ');
    stmt = db
      .prepare(`SELECT ref FROM cases WHERE reporter_contact_id = ? AND erased_at IS NULL AND status IN (${marks}) ORDER BY created_at DESC, id DESC LIMIT ?`)
      .pluck();
    openRefsStatements.set(db, stmt);
  }
  return stmt.all(contactId, ...OPEN_STATUSES, limit) as string[];
}

/** True when an officer has written in this case (so the reporter is answering someone). */
export function officerHasWritten(db: DB, caseId: number): boolean {
  return db.prepare("SELECT EXISTS (SELECT 1 FROM case_events WHERE case_id = ? AND kind = 'message_out')").pluck().get(caseId) === 1;
}

/**
 * Relays what the reporter sent (text and/or a file) to the case: a case event, and the assigned
 * officer (or every officer) gets it in chat. Danger words make the case urgent.
 */
export function relayToThread(
  db: DB,
  notify: NotifyContact,
  c: Case,
  input: { text: string | null; file: EvidenceItem | null; channel: string },
  now: number,
): { urgentNow: boolean } {
  return addReporterInfo(db, notify, c, input, now);
}
