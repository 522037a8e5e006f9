/**
 * `/sendnow REF`: an officer releases messages held for the reporter's safe time, after a
 * confirmation (the reporter chose that time because their phone may be read at other times).
 */
import type { Action } from '../../conversation/actions.js';
import type { CommandDef, Flow } from '../../conversation/flow.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import { heldNotice } from '../../domain/delivery/safeWindows.js';
import { releaseSafeTimeHolds } from '../../outbox/store.js';

/** The reference typed after the command. */
function refOf(text: string): string | null {
  const m = /^\/\S+\s+(\S+)/.exec(text.trim());
  return m ? normalizeRef(m[1]) : null;
}

/** Finds the case and what is held for its reporter; outcome 'held' asks for confirmation. */
const check: Action = (ctx) => {
  const ref = refOf(ctx.inbound.text);
  if (!ref) return { replies: [{ text: { key: 'safeTime.sendNowUsage' } }] };
  const c = caseByRef(ctx.db, ref);
  if (!c) return { replies: [{ text: { key: 'officer.notFound', vars: { ref } } }] };
  const lang = ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE;
  const held = heldNotice(ctx.db, c.reporterContactId, c.ref, ctx.now, lang, ctx.config.HOME_TIMEZONE);
  if (!held) return { replies: [{ text: { key: 'safeTime.sendNowNothing', vars: { ref: c.ref } } }] };
  return { outcome: 'held', set: { ref: c.ref }, replies: [{ text: { lines: [held, { key: 'safeTime.sendNowWarning' }] } }] };
};

/** Releases the held messages now; audited. */
const release: Action = (ctx) => {
  const ref = typeof ctx.data.ref === 'string' ? ctx.data.ref : '';
  const c = caseByRef(ctx.db, ref);
  if (!c || c.reporterContactId === null) return { replies: [{ text: { key: 'safeTime.sendNowNothing', vars: { ref } } }] };
  const count = releaseSafeTimeHolds(ctx.db, c.reporterContactId, ctx.now);
  ctx.audit('case_send_now', c.ref, String(count));
  return { replies: [{ text: { key: count ? 'safeTime.sentNow' : 'safeTime.sendNowNothing', vars: { ref: c.ref, count } } }] };
};

const idle = { flow: 'officer', step: 'idle' } as const;

/** Check, confirm, release; afterwards the officer is back at the command prompt. */
export const sendNowFlow: Flow = {
  id: 'sendnow',
  start: 'check',
  steps: {
    check: { call: 'safeTime.sendNowCheck', on: { held: 'confirm' }, next: idle },
    confirm: {
      menu: { key: 'safeTime.sendNowConfirm', vars: { ref: '$ref' } },
      options: [
        { label: 'safeTime.sendNowYes', next: 'release' },
        { label: 'safeTime.sendNowNo', next: 'kept' },
      ],
    },
    release: { call: 'safeTime.sendNowRelease', next: idle },
    kept: { say: 'safeTime.sendNowKept', next: idle },
  },
};

export const sendNowCommands: Record<string, CommandDef> = { sendnow: { target: { flow: 'sendnow' }, officerOnly: true } };

export const sendNowActions: Record<string, Action> = {
  'safeTime.sendNowCheck': check,
  'safeTime.sendNowRelease': release,
};
