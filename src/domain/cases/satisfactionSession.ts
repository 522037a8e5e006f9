/**
 * When a satisfaction question may be put to a person without hijacking their conversation, and
 * putting it there. A worker half-way through a report (or waiting in an open case's thread) must
 * not have their next answer taken as a score, so the question waits until the conversation is
 * free: no flow yet, the main menu, or the thread of a case that is no longer open — and they have
 * not written for QUIET_MS (a message of theirs may be on its way). A conversation left inside a
 * flow for IDLE_TAKEOVER_MS is asked too, and its place is kept: after the question the person is
 * brought back to it (the engine's paused place, as after emergency help).
 */
import { SESSION_VERSION, type SessionState, readSession } from '../../conversation/session.js';
import type { DB } from '../../store/db.js';
import { THREAD_FLOW } from './threadSession.js';

/** The person must not have written for this long: a message of theirs may cross the question. */
export const QUIET_MS = 5 * 60_000;
/** A conversation left inside a flow this long is asked anyway, its place kept for afterwards. */
export const IDLE_TAKEOVER_MS = 6 * 3600_000;
/** The flow the question runs in. */
export const SATISFACTION_FLOW = 'satisfaction';
export const SATISFACTION_STEP = 'rate';
/** Where a conversation rests between flows (the main menu; see src/features/main). */
const RESTING_FLOWS: readonly string[] = ['main'];
/** Never interrupted, however long ago: choosing a language, emergency help. */
const NEVER_INTERRUPTED: readonly string[] = ['language', 'emergency', SATISFACTION_FLOW];

export type SurveyFit = 'free' | 'idle' | 'busy';

function loadState(db: DB, contactId: number): SessionState {
  const raw = db.prepare('SELECT state FROM sessions WHERE contact_id = ?').pluck().get(contactId) as string | undefined;
  return readSession(raw);
}

/** Whether the question may be put now: `free` (at rest), `idle` (inside a flow, left long ago), or `busy`. */
export function surveyFit(db: DB, contactId: number, lastInboundAt: number | null, now: number): SurveyFit {
  const quietFor = lastInboundAt === null ? Infinity : now - lastInboundAt;
  if (quietFor < QUIET_MS) return 'busy';
  const s = loadState(db, contactId);
  if (!s.flow || !s.step) return 'free';
  if (RESTING_FLOWS.includes(s.flow) && !s.paused) return 'free';
  if (s.flow === THREAD_FLOW) {
    const caseId = s.data.caseId;
    const open = typeof caseId === 'number' && db.prepare("SELECT status NOT IN ('resolved', 'closed') FROM cases WHERE id = ?").pluck().get(caseId) === 1;
    if (!open) return 'free';
  }
  if (NEVER_INTERRUPTED.includes(s.flow) || s.paused) return 'busy';
  return quietFor >= IDLE_TAKEOVER_MS ? 'idle' : 'busy';
}

/**
 * Puts the person's conversation at the question about `ref` (in the caller's transaction). With
 * `keepPlace`, the place they left is kept and comes back after the question.
 */
export function openSurveySession(db: DB, contactId: number, survey: { id: number; caseId: number; ref: string }, keepPlace: boolean, now: number): void {
  const { lost: _lost, ...state } = loadState(db, contactId);
  const paused = keepPlace && state.flow && state.step ? { flow: state.flow, step: state.step, data: state.data, trail: state.trail } : state.paused;
  const next = { ...state, flow: SATISFACTION_FLOW, step: SATISFACTION_STEP, data: { surveyId: survey.id, caseId: survey.caseId, ref: survey.ref }, trail: [], paused, kept: null };
  db.prepare(
    `INSERT INTO sessions (contact_id, state, version, updated_at) VALUES (?, ?, ?, ?)
     ON CONFLICT (contact_id) DO UPDATE SET state = excluded.state, version = excluded.version, updated_at = excluded.updated_at`,
  ).run(contactId, JSON.stringify(next), SESSION_VERSION, now);
}
