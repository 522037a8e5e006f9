/**
 * Satisfaction: after a case is closed, the person it belongs to is asked once how satisfied they
 * are (1–5, skippable) and for one optional comment. Who is asked: the reporter, when the report is
 * not anonymous and they did not ask not to be messaged; for an anonymous report only a chat that
 * follows the case (it chose to hear about it), never anyone else. Officers are never asked.
 * Rows wait as `pending` until the person's conversation is free (see satisfactionSession.ts).
 */
import type { DB } from '../../store/db.js';

/** Longest comment kept. */
export const MAX_SATISFACTION_COMMENT = 1000;
/** Pending questions looked at per job run (the rest wait for the next run). */
export const SURVEY_BATCH = 200;

export type SurveyState = 'pending' | 'asked' | 'answered' | 'skipped' | 'expired';

export interface PendingSurvey {
  id: number;
  caseId: number;
  ref: string;
  contactId: number;
  closedAt: number;
}

/**
 * Adds a pending question for every case closed since `since` that has none yet for its person
 * (a case reopened and closed again is not asked twice); returns how many were added.
 */
export function enqueueSurveys(db: DB, since: number, now: number): number {
  const reporters = db
    .prepare(
      `INSERT OR IGNORE INTO satisfaction_surveys (case_id, contact_id, closed_at, created_at)
       SELECT c.id, c.reporter_contact_id, c.resolved_at, ? FROM cases c JOIN contacts k ON k.id = c.reporter_contact_id
       WHERE c.status = 'closed' AND c.resolved_at >= ? AND c.anonymous = 0 AND c.erased_at IS NULL
         AND COALESCE(c.contact_pref, 'any') != 'none' AND k.role != 'officer'`,
    )
    .run(now, since).changes;
  const followers = db
    .prepare(
      `INSERT OR IGNORE INTO satisfaction_surveys (case_id, contact_id, closed_at, created_at)
       SELECT c.id, f.contact_id, c.resolved_at, ? FROM cases c JOIN case_followers f ON f.case_id = c.id JOIN contacts k ON k.id = f.contact_id
       WHERE c.status = 'closed' AND c.resolved_at >= ? AND c.anonymous = 1 AND c.erased_at IS NULL AND k.role != 'officer'`,
    )
    .run(now, since).changes;
  return reporters + followers;
}

/** Pending questions of cases still closed, oldest first. */
export function pendingSurveys(db: DB, limit = SURVEY_BATCH): PendingSurvey[] {
  return db
    .prepare(
      `SELECT s.id, s.case_id AS caseId, c.ref, s.contact_id AS contactId, s.closed_at AS closedAt
       FROM satisfaction_surveys s JOIN cases c ON c.id = s.case_id
       WHERE s.state = 'pending' AND s.contact_id IS NOT NULL AND c.status = 'closed' ORDER BY s.id LIMIT ?`,
    )
    .all(limit) as PendingSurvey[];
}

/** Pending questions of cases closed before `before`, or reopened since, are not asked any more; returns how many. */
export function expireSurveys(db: DB, before: number): number {
  return db
    .prepare(
      `UPDATE satisfaction_surveys SET state = 'expired'
       WHERE state = 'pending' AND (closed_at < ? OR contact_id IS NULL OR case_id IN (SELECT id FROM cases WHERE status != 'closed'))`,
    )
    .run(before).changes;
}

/** Records that the question went out. */
export function markAsked(db: DB, id: number, now: number): void {
  db.prepare("UPDATE satisfaction_surveys SET state = 'asked', asked_at = ? WHERE id = ? AND state = 'pending'").run(now, id);
}

/** Stores the score the person gave (they may correct it while the question is theirs); false when it is not theirs. */
export function recordScore(db: DB, id: number, contactId: number, score: number, now: number): boolean {
  if (!Number.isInteger(score) || score < 1 || score > 5) return false;
  return (
    db
      .prepare("UPDATE satisfaction_surveys SET score = ?, state = 'answered', answered_at = ? WHERE id = ? AND contact_id = ? AND state IN ('asked', 'answered')")
      .run(score, now, id, contactId).changes === 1
  );
}

/** Stores the optional comment after a score; false when there is no answered question of theirs. */
export function recordComment(db: DB, id: number, contactId: number, comment: string): boolean {
  const text = comment.trim().slice(0, MAX_SATISFACTION_COMMENT);
  if (!text) return false;
  return db.prepare("UPDATE satisfaction_surveys SET comment = ? WHERE id = ? AND contact_id = ? AND state = 'answered'").run(text, id, contactId).changes === 1;
}

/** The person chose not to answer. */
export function recordSkip(db: DB, id: number, contactId: number, now: number): boolean {
  return db.prepare("UPDATE satisfaction_surveys SET state = 'skipped', answered_at = ? WHERE id = ? AND contact_id = ? AND state = 'asked'").run(now, id, contactId).changes === 1;
}

/** Forgets who answered about a case and the comment (the case is erased); the score stays anonymous. */
export function forgetCaseSatisfaction(db: DB, caseId: number): void {
  db.prepare('UPDATE satisfaction_surveys SET contact_id = NULL, comment = NULL WHERE case_id = ?').run(caseId);
}

/** Forgets a contact's comments and that they answered ("delete my data"); the scores stay anonymous. */
export function anonymizeSatisfactionOf(db: DB, contactId: number): number {
  return db.prepare('UPDATE satisfaction_surveys SET contact_id = NULL, comment = NULL WHERE contact_id = ?').run(contactId).changes;
}

/** The answer about one case, if any (for the case page). */
export function satisfactionOfCase(db: DB, caseId: number): { score: number; comment: string | null; answeredAt: number } | undefined {
  return db
    .prepare("SELECT score, comment, answered_at AS answeredAt FROM satisfaction_surveys WHERE case_id = ? AND state = 'answered' ORDER BY answered_at DESC LIMIT 1")
    .get(caseId) as { score: number; comment: string | null; answeredAt: number } | undefined;
}
