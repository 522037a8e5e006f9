/**
 * Workers' reviews of an agency (after the ILO/ITUC Recruitment Advisor): four yes/no questions and
 * an optional comment. A review counts only after an officer approves it, and counts are shown to
 * the public only from MIN_REVIEWS_SHOWN approved reviews on, so no single worker can be picked out.
 */
import type { DB } from '../../store/db.js';

/** The four fixed questions, in the order they are asked and stored. */
export const REVIEW_QUESTIONS = ['extraFees', 'passportKept', 'contractHonoured', 'wouldRecommend'] as const;
export type ReviewQuestion = (typeof REVIEW_QUESTIONS)[number];
/** Longest comment kept. */
export const MAX_REVIEW_COMMENT = 500;
/** Reviews listed per page in the moderation queue. */
export const MODERATION_PAGE = 50;

export type ReviewAnswers = Record<ReviewQuestion, boolean>;
export type ReviewState = 'pending' | 'approved' | 'hidden';

export interface NewReview extends ReviewAnswers {
  licenseNorm: string;
  agencyName: string;
  caseId: number | null;
  contactId: number | null;
  comment: string | null;
}

export interface Review extends NewReview {
  id: number;
  state: ReviewState;
  moderatedBy: string | null;
  hiddenReason: string | null;
  createdAt: number;
}

/** Approved reviews, and how many of them answered yes to each question. */
export type ReviewCounts = Record<ReviewQuestion, number> & { total: number };

const COLUMNS = `id, license_norm AS licenseNorm, agency_name AS agencyName, case_id AS caseId, contact_id AS contactId,
  extra_fees AS extraFees, passport_kept AS passportKept, contract_honoured AS contractHonoured, would_recommend AS wouldRecommend,
  comment, state, moderated_by AS moderatedBy, hidden_reason AS hiddenReason, created_at AS createdAt`;

type Row = Omit<Review, ReviewQuestion> & Record<ReviewQuestion, number>;
const toReview = (r: Row): Review => ({
  ...r,
  extraFees: r.extraFees === 1,
  passportKept: r.passportKept === 1,
  contractHonoured: r.contractHonoured === 1,
  wouldRecommend: r.wouldRecommend === 1,
});

/** Stores a review as pending moderation; returns its id. */
export function addReview(db: DB, r: NewReview, now: number): number {
  const comment = r.comment?.trim().slice(0, MAX_REVIEW_COMMENT) || null;
  return Number(
    db
      .prepare(
        `INSERT INTO agency_reviews (license_norm, agency_name, case_id, contact_id, extra_fees, passport_kept, contract_honoured, would_recommend, comment, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(r.licenseNorm, r.agencyName, r.caseId, r.contactId, +r.extraFees, +r.passportKept, +r.contractHonoured, +r.wouldRecommend, comment, now).lastInsertRowid,
  );
}

/** Approves or hides a review (hiding needs a reason); false when the review does not exist. */
export function moderateReview(db: DB, id: number, state: 'approved' | 'hidden', by: string, reason: string | null, now: number): boolean {
  return (
    db
      .prepare('UPDATE agency_reviews SET state = ?, moderated_by = ?, moderated_at = ?, hidden_reason = ? WHERE id = ?')
      .run(state, by, now, state === 'hidden' ? reason : null, id).changes === 1
  );
}

/** One review by id. */
export function reviewById(db: DB, id: number): Review | undefined {
  const r = db.prepare(`SELECT ${COLUMNS} FROM agency_reviews WHERE id = ?`).get(id) as Row | undefined;
  return r && toReview(r);
}

/** Reviews in a state (pending first for moderation), newest first. */
export function reviewsIn(db: DB, state: ReviewState, licenseNorm?: string, limit = MODERATION_PAGE): Review[] {
  const rows = licenseNorm
    ? db.prepare(`SELECT ${COLUMNS} FROM agency_reviews WHERE state = ? AND license_norm = ? ORDER BY id DESC LIMIT ?`).all(state, licenseNorm, limit)
    : db.prepare(`SELECT ${COLUMNS} FROM agency_reviews WHERE state = ? ORDER BY id DESC LIMIT ?`).all(state, limit);
  return (rows as Row[]).map(toReview);
}

/** How many approved reviews answered yes to each question. */
export function reviewCounts(db: DB, licenseNorm: string): ReviewCounts {
  const r = db
    .prepare(
      `SELECT COUNT(*) AS total, COALESCE(SUM(extra_fees), 0) AS extraFees, COALESCE(SUM(passport_kept), 0) AS passportKept,
              COALESCE(SUM(contract_honoured), 0) AS contractHonoured, COALESCE(SUM(would_recommend), 0) AS wouldRecommend
       FROM agency_reviews WHERE license_norm = ? AND state = 'approved'`,
    )
    .get(licenseNorm) as ReviewCounts;
  return r;
}

/** True when this contact already reviewed this licence (one review per worker and agency). */
export function hasReviewed(db: DB, contactId: number, licenseNorm: string): boolean {
  return db.prepare('SELECT 1 FROM agency_reviews WHERE contact_id = ? AND license_norm = ?').get(contactId, licenseNorm) !== undefined;
}

/** Forgets who wrote a contact's reviews and their comments (on "delete my data"); the yes/no answers stay anonymous. */
export function anonymizeReviewsOf(db: DB, contactId: number): number {
  return db.prepare('UPDATE agency_reviews SET contact_id = NULL, comment = NULL, case_id = NULL WHERE contact_id = ?').run(contactId).changes;
}

export interface InvitableCase {
  caseId: number;
  contactId: number;
  license: string;
  agencyName: string;
}

const INVITE_COLUMNS = 'c.id AS caseId, c.reporter_contact_id AS contactId, c.agency_license AS license, a.name AS agencyName';

/** Closed cases linked to a register entry, closed since `since`, whose reporter was not invited yet. */
export function casesToInvite(db: DB, since: number): InvitableCase[] {
  return db
    .prepare(
      `SELECT ${INVITE_COLUMNS} FROM cases c JOIN agencies a ON a.license_no = c.agency_license
       WHERE c.status = 'closed' AND c.erased_at IS NULL AND c.reporter_contact_id IS NOT NULL AND c.updated_at >= ?
         AND NOT EXISTS (SELECT 1 FROM agency_review_invites i WHERE i.case_id = c.id)`,
    )
    .all(since) as InvitableCase[];
}

/** Records that the reporter of a case was invited (at most once per case). */
export function markInvited(db: DB, caseId: number, now: number): void {
  db.prepare('INSERT OR IGNORE INTO agency_review_invites (case_id, invited_at) VALUES (?, ?)').run(caseId, now);
}

/** The contact's most recent invited case, or undefined. */
export function latestInvite(db: DB, contactId: number): InvitableCase | undefined {
  return db
    .prepare(
      `SELECT ${INVITE_COLUMNS} FROM cases c JOIN agency_review_invites i ON i.case_id = c.id
       JOIN agencies a ON a.license_no = c.agency_license
       WHERE c.reporter_contact_id = ? ORDER BY i.invited_at DESC LIMIT 1`,
    )
    .get(contactId) as InvitableCase | undefined;
}
