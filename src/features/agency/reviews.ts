/**
 * Workers rate an agency they went through: from the agency check menu, with `/nilai` (`/rate`,
 * `/biji`), or when invited after a case linked to that agency is closed. Reviews wait for an
 * officer's approval before they count (src/domain/agencies/reviews.ts).
 */
import type { Action } from '../../conversation/actions.js';
import type { Check, CommandDef, Flow, Text } from '../../conversation/flow.js';
import { normalizeLicense } from '../../domain/agencies/normalize.js';
import { findAgencies } from '../../domain/agencies/matcher.js';
import { MAX_REVIEW_COMMENT, addReview, casesToInvite, hasReviewed, latestInvite, markInvited } from '../../domain/agencies/reviews.js';
import type { Job } from '../../scheduler/scheduler.js';
import type { Services } from '../feature.js';
import { homeDay } from '../../core/clock.js';

/** How often closed cases are looked at for review invitations. */
export const REVIEW_INVITE_SCHEDULE = '*/10 * * * *';
/** Cases closed longer ago than this are not invited any more (the job may have been off). */
export const REVIEW_INVITE_MAX_AGE_MS = 14 * 86_400_000;

const yesNo = (question: string, save: string, next: string) => ({
  menu: `agency.review.${question}`,
  options: [
    { label: 'common.yes', next, set: { [save]: true } },
    { label: 'common.no', next, set: { [save]: false } },
  ],
});

export const reviewFlow: Flow = {
  id: 'agencyReview',
  start: 'begin',
  steps: {
    begin: { call: 'agency.reviewBegin', on: { invited: 'confirmInvited', ask: 'intro' }, next: 'intro' },
    confirmInvited: {
      menu: { key: 'agency.review.confirmInvited', vars: { name: '$agencyName' } },
      options: [
        { label: 'common.yes', next: 'q1' },
        { label: 'agency.review.otherAgency', next: 'askName' },
      ],
    },
    intro: { say: 'agency.review.intro', next: 'askName' },
    askName: { ask: 'agency.review.askName', check: 'agency.query', save: 'query', next: 'find' },
    find: { call: 'agency.reviewFind', args: { query: '$query' }, on: { found: 'q1', notFound: 'askName', already: 'done' }, next: 'askName' },
    q1: yesNo('extraFees', 'extraFees', 'q2'),
    q2: yesNo('passportKept', 'passportKept', 'q3'),
    q3: yesNo('contractHonoured', 'contractHonoured', 'q4'),
    q4: yesNo('wouldRecommend', 'wouldRecommend', 'comment'),
    comment: { ask: 'agency.review.comment', check: 'agency.reviewComment', save: 'comment', optional: true, next: 'save' },
    save: { call: 'agency.reviewSave', next: 'done' },
    done: { end: true },
  },
};

/** Any comment up to MAX_REVIEW_COMMENT characters. */
export const commentCheck: Check = ({ text }) => {
  const t = text.trim();
  if (!t || t.length > MAX_REVIEW_COMMENT) return { ok: false, error: { key: 'agency.review.commentInvalid', vars: { max: String(MAX_REVIEW_COMMENT) } } };
  return { ok: true, value: t };
};

/** The agency of the contact's latest invited, closed case they have not reviewed yet. */
const reviewBegin: Action = (ctx) => {
  const invite = latestInvite(ctx.db, ctx.contact.id);
  if (!invite || hasReviewed(ctx.db, ctx.contact.id, normalizeLicense(invite.license))) return { outcome: 'ask' };
  return { outcome: 'invited', set: { caseId: invite.caseId, licenseNorm: normalizeLicense(invite.license), agencyName: invite.agencyName } };
};

/** Finds the one register entry the worker means; a review needs a strong match. */
const reviewFind: Action = (ctx, args) => {
  const query = String(args.query ?? '');
  const strong = findAgencies(ctx.db, query, homeDay(ctx.now, ctx.config.HOME_TIMEZONE)).matches.filter((m) => m.strength === 'strong');
  if (strong.length !== 1) return { outcome: 'notFound', replies: [{ text: { key: 'agency.review.notFound', vars: { query } } }] };
  const a = strong[0].agency;
  if (hasReviewed(ctx.db, ctx.contact.id, a.licenseNorm)) {
    return { outcome: 'already', replies: [{ text: { key: 'agency.review.already', vars: { name: a.name } } }] };
  }
  return {
    outcome: 'found',
    set: { licenseNorm: a.licenseNorm, agencyName: a.name, caseId: null },
    replies: [{ text: { key: 'agency.review.about', vars: { name: a.name } } }],
  };
};

/** Stores the answers as a pending review and thanks the worker. */
const reviewSave: Action = (ctx) => {
  const d = ctx.data;
  const id = addReview(
    ctx.db,
    {
      licenseNorm: String(d.licenseNorm),
      agencyName: String(d.agencyName),
      caseId: typeof d.caseId === 'number' ? d.caseId : null,
      contactId: ctx.contact.id,
      extraFees: d.extraFees === true,
      passportKept: d.passportKept === true,
      contractHonoured: d.contractHonoured === true,
      wouldRecommend: d.wouldRecommend === true,
      comment: typeof d.comment === 'string' ? d.comment : null,
    },
    ctx.now,
  );
  ctx.audit('agency_review_added', `review:${id}`);
  return { replies: [{ text: { key: 'agency.review.thanks', vars: { name: String(d.agencyName) } } }] };
};

export const reviewActions: Record<string, Action> = {
  'agency.reviewBegin': reviewBegin,
  'agency.reviewFind': reviewFind,
  'agency.reviewSave': reviewSave,
};

/** `/nilai`, `/rate`, `/biji`: anyone may rate an agency. */
export const reviewCommands: Record<string, CommandDef> = Object.fromEntries(
  ['nilai', 'rate', 'biji'].map((name) => [name, { target: { flow: 'agencyReview' }, officerOnly: false }]),
);

/** Invites the reporter of each recently closed case linked to an agency, once; returns how many were invited. */
export function inviteReviews(services: Services): number {
  const now = services.clock.now();
  return services.notifier.transaction((out) => {
    const due = casesToInvite(services.db, now - REVIEW_INVITE_MAX_AGE_MS);
    for (const c of due) {
      markInvited(services.db, c.caseId, now);
      out.toContact(c.contactId, { text: { key: 'agency.review.invite', vars: { name: c.agencyName } } });
    }
    return due.length;
  }, now);
}

export const reviewJobs = (services: Services): Job[] => [{ name: 'agency-review-invites', schedule: REVIEW_INVITE_SCHEDULE, run: () => void inviteReviews(services) }];

/** "12 workers answered: 9 were charged extra fees, …" once enough reviews are approved; nothing before. */
export function reviewSummaryLines(counts: { total: number; extraFees: number; passportKept: number; contractHonoured: number; wouldRecommend: number }, min: number): Text[] {
  if (counts.total < min) return [];
  return [{ key: 'agency.review.summary', vars: { ...counts } }];
}
