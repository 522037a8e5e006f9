/** The reporter's side of a case thread: a position in their conversation (the `thread` flow). */
import { SESSION_VERSION, readSession } from '../../conversation/session.js';
import type { DB } from '../../store/db.js';

/** The flow and step a reporter waits in while a thread is open. */
export const THREAD_FLOW = 'thread';
export const THREAD_WAIT_STEP = 'wait';

/**
 * Puts the reporter's conversation into the case's thread: their next message goes to the officer.
 * Runs outside the reporter's turn (in the officer's, or an API call), in the caller's transaction.
 */
export function openThread(db: DB, contactId: number, c: { id: number; ref: string }, now: number): void {
  const raw = db.prepare('SELECT state FROM sessions WHERE contact_id = ?').pluck().get(contactId) as string | undefined;
  // Read through the conversation layer (it migrates old versions); whatever else the session keeps stays.
  const { lost: _lost, ...state } = { ...readSession(raw), lost: undefined };
  const next = { ...state, flow: THREAD_FLOW, step: THREAD_WAIT_STEP, data: { caseId: c.id, ref: c.ref }, trail: [] };
  db.prepare(
    `INSERT INTO sessions (contact_id, state, version, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id) DO UPDATE SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
  ).run(contactId, JSON.stringify(next), SESSION_VERSION, now);
}
