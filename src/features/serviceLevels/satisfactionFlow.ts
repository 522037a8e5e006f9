/**
 * The satisfaction question in the conversation: "how satisfied are you with the help on REF?"
 * (1–5, or skip), then one optional comment. The question is put by the job (satisfactionJob.ts)
 * only when the person's conversation is free; an answer that is none of the options is handled
 * by the main menu as usual (`passOn`), so the question never traps anyone.
 */
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, Check, Flow, OptionDef, Reply } from '../../conversation/flow.js';
import { caseUpdateTemplate } from '../../domain/cases/alerts.js';
import { MAX_SATISFACTION_COMMENT, recordComment, recordScore, recordSkip } from '../../domain/cases/satisfaction.js';
import { SATISFACTION_FLOW, SATISFACTION_STEP } from '../../domain/cases/satisfactionSession.js';

/** Scores offered, each typed as its own number. */
export const SCORES = [1, 2, 3, 4, 5] as const;

const scoreOptions: OptionDef[] = [
  ...SCORES.map((n) => ({ label: `satisfaction.score.${n}`, next: 'rated', set: { score: n } })),
  { label: 'common.skip', next: 'skip' },
];

export const satisfactionFlow: Flow = {
  id: SATISFACTION_FLOW,
  start: SATISFACTION_STEP,
  steps: {
    [SATISFACTION_STEP]: { menu: { key: 'satisfaction.ask', vars: { ref: '$ref' } }, options: scoreOptions, back: false, passOn: true },
    rated: { call: 'satisfaction.rate', on: { gone: 'end' }, next: 'comment' },
    comment: { ask: 'satisfaction.comment', check: 'satisfaction.comment', save: 'comment', optional: true, next: 'saveComment' },
    saveComment: { call: 'satisfaction.saveComment', next: 'end' },
    skip: { call: 'satisfaction.skip', next: 'end' },
    end: { end: true },
  },
};

/**
 * The question as the engine shows the first step (same text and numbered options), for the job
 * that puts it outside a turn. It carries the case-update template for WhatsApp's 24-hour rule.
 */
export function satisfactionQuestion(ref: string): Reply {
  return {
    text: { key: 'satisfaction.ask', vars: { ref } },
    choices: scoreOptions.map((o, i) => ({ key: String(i + 1), label: { key: o.label as string } })),
    template: caseUpdateTemplate(ref),
  };
}

const surveyId = (data: Record<string, unknown>): number => (typeof data.surveyId === 'number' ? data.surveyId : -1);

const rate: Action = (ctx): ActionResult => {
  const score = typeof ctx.data.score === 'number' ? ctx.data.score : 0;
  if (!recordScore(ctx.db, surveyId(ctx.data), ctx.contact.id, score, ctx.now)) return { outcome: 'gone' };
  ctx.audit('satisfaction_answered', typeof ctx.data.ref === 'string' ? ctx.data.ref : undefined, String(score));
  return { outcome: 'ok' };
};

const saveComment: Action = (ctx): ActionResult => {
  const comment = typeof ctx.data.comment === 'string' ? ctx.data.comment : '';
  const saved = comment ? recordComment(ctx.db, surveyId(ctx.data), ctx.contact.id, comment) : false;
  if (saved) ctx.audit('satisfaction_commented', typeof ctx.data.ref === 'string' ? ctx.data.ref : undefined);
  return { replies: [{ text: { key: saved ? 'satisfaction.thanksComment' : 'satisfaction.thanks' } }] };
};

const skip: Action = (ctx): ActionResult => {
  if (recordSkip(ctx.db, surveyId(ctx.data), ctx.contact.id, ctx.now)) ctx.audit('satisfaction_skipped', typeof ctx.data.ref === 'string' ? ctx.data.ref : undefined);
  return { replies: [{ text: { key: 'satisfaction.skipped' } }] };
};

/** Any text up to MAX_SATISFACTION_COMMENT characters. */
const commentCheck: Check = ({ text }) => {
  const t = text.trim();
  if (!t || t.length > MAX_SATISFACTION_COMMENT) return { ok: false, error: { key: 'satisfaction.commentTooLong', vars: { max: String(MAX_SATISFACTION_COMMENT) } } };
  return { ok: true, value: t };
};

export const satisfactionActions: Record<string, Action> = {
  'satisfaction.rate': rate,
  'satisfaction.saveComment': saveComment,
  'satisfaction.skip': skip,
};

export const satisfactionChecks: Record<string, Check> = { 'satisfaction.comment': commentCheck };
