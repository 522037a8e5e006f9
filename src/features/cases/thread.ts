/**
 * Case threads for the reporter. After an officer writes, the reporter's conversation waits in the
 * `thread` flow: whatever they send (text, photo, voice note, document) goes to that case, with a
 * short "sent to the officer" acknowledgement. A message that comes long after the thread went
 * quiet is asked about first. "Send this message to an officer" (`sendToOfficer`, flow `toOfficer`)
 * finds the case: the only open one, the one the person picks, or a new one that holds the message.
 */
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { ActionResult, Check, Flow, Json, Target } from '../../conversation/flow.js';
import { announceNewCase } from '../../domain/cases/alerts.js';
import { type Case, MAX_CASE_TEXT, addEvent, caseById, createCase, isOpen } from '../../domain/cases/cases.js';
import { type EvidenceItem, MAX_MEDIA_BYTES, addPendingAttachment, judgeMedia, toEvidenceItem } from '../../domain/cases/evidence.js';
import { THREAD_FLOW, openCasesOf, relayToThread, threadOpen } from '../../domain/cases/thread.js';
import { officersOnDuty } from '../../domain/officers/reach.js';

/** The flow "send this message to an officer" leads to; enter it with `{ text }` (and `confirm: 'yes'` to ask first). */
export const TO_OFFICER_FLOW = 'toOfficer';

const MAX_MB = String(Math.floor(MAX_MEDIA_BYTES / 1048576));

/** What goes into a thread: text, a file (with its caption), or both. */
const threadMessage: Check = ({ text, media }) => {
  // A shared location reaches the officer as coordinates (it is not a file to keep).
  if (media?.kind === 'location' && media.latitude !== undefined && media.longitude !== undefined) {
    return { ok: true, value: { text: `📍 ${media.latitude.toFixed(5)}, ${media.longitude.toFixed(5)}${text ? ` ${text}` : ''}`, file: null } };
  }
  if (media) {
    const verdict = judgeMedia(media);
    if (verdict === 'too_large') return { ok: false, error: { key: 'complaint.mediaTooLarge', vars: { max: MAX_MB } } };
    if (verdict === 'unsupported') return { ok: false, error: 'thread.mediaUnsupported' };
    return { ok: true, value: { file: toEvidenceItem(media) as unknown as Record<string, string>, text: text || null } };
  }
  if (!text) return { ok: false, error: 'common.empty' };
  if (text.length > MAX_CASE_TEXT) return { ok: false, error: { key: 'complaint.tooLongShort', vars: { max: String(MAX_CASE_TEXT) } } };
  return { ok: true, value: { text, file: null } };
};

interface Message {
  text: string | null;
  file: EvidenceItem | null;
}

function messageOf(v: Json | undefined): Message {
  if (typeof v === 'string') return { text: v || null, file: null };
  const m = (v && typeof v === 'object' && !Array.isArray(v) ? v : {}) as { text?: Json; file?: Json };
  return {
    text: typeof m.text === 'string' && m.text ? m.text : null,
    file: m.file && typeof m.file === 'object' ? (m.file as unknown as EvidenceItem) : null,
  };
}

const caseOf = (ctx: ActionContext): Case | undefined => (typeof ctx.data.caseId === 'number' ? caseById(ctx.db, ctx.data.caseId) : undefined);

/** The reporter's own case, or undefined (a case is only ever written to by its reporter). */
function ownCase(ctx: ActionContext): Case | undefined {
  const c = caseOf(ctx);
  return c && c.reporterContactId === ctx.contact.id ? c : undefined;
}

/** Relays one message to the case, unless the case closed or the thread went quiet (then: ask first). */
function relay(ctx: ActionContext, c: Case, msg: Message, confirmed: boolean): ActionResult {
  if (!isOpen(c)) return { outcome: 'closed', replies: [{ text: { key: 'thread.closed', vars: { ref: c.ref } } }] };
  if (!confirmed && !threadOpen(ctx.db, c, ctx.now)) return { outcome: 'expired', set: { pending: msg as unknown as Json } };
  const onDuty = officersOnDuty(ctx.db, ctx.now);
  const { urgentNow } = relayToThread(ctx.db, ctx.notify, c, { ...msg, channel: ctx.contact.channel }, ctx.now);
  ctx.audit('thread_message', c.ref, msg.file ? msg.file.kind : 'text');
  return {
    outcome: 'sent',
    set: { message: null, pending: null, caseId: c.id, ref: c.ref },
    replies: urgentNow ? [{ text: { key: onDuty ? 'complaint.urgentNotice' : 'complaint.urgentNoticeNobody', vars: { ref: c.ref } } }] : [],
  };
}

/** The message the reporter just sent in the thread. */
const relayMessage: Action = (ctx): ActionResult => {
  const c = ownCase(ctx);
  if (!c) return { outcome: 'closed' };
  return relay(ctx, c, messageOf(ctx.data.message), false);
};

/** The message kept while asking ("send this to the officer handling …?"), after a yes. */
const relayPending: Action = (ctx): ActionResult => {
  const c = ownCase(ctx);
  if (!c) return { outcome: 'closed' };
  return relay(ctx, c, messageOf(ctx.data.pending), true);
};

/**
 * "Send this message to an officer" with `{ text }` (or the message just received). With no open
 * case it opens one that holds the message (reference and PIN shown once); with one it goes to
 * that case's thread (`sent`), or, when `confirm` is 'yes', asks first (`one`: "the officer
 * handling REF?"); with several the person picks (`several`). Called from a flow other than
 * toOfficer it cannot ask, so it sends to the newest open case at once.
 */
const sendToOfficer: Action = (ctx, args): ActionResult => {
  const text = (typeof args.text === 'string' && args.text.trim()) || (typeof ctx.data.text === 'string' && ctx.data.text.trim()) || ctx.inbound.text || null;
  const media = !args.text && ctx.inbound.media && judgeMedia(ctx.inbound.media) === 'ok' ? toEvidenceItem(ctx.inbound.media) : null;
  const msg: Message = { text: text ? text.slice(0, MAX_CASE_TEXT) : null, file: media };
  if (!msg.text && !msg.file) return { outcome: 'empty' };
  const inFlow = args.flow === TO_OFFICER_FLOW;
  const open = openCasesOf(ctx.db, ctx.contact.id);
  const pending = msg as unknown as Json;
  if (!open.length) return messageCase(ctx, msg);
  if (open.length > 1 && inFlow) return { outcome: 'several', set: { pending, openCases: open.map((c) => ({ id: c.id, ref: c.ref })) } };
  const c = open[0];
  if (inFlow && args.confirm === 'yes') return { outcome: 'one', set: { pending, caseId: c.id, ref: c.ref } };
  const result = relay(ctx, c, msg, true);
  ctx.audit('message_to_officer', c.ref);
  // In the toOfficer flow the acknowledgement is the thread's next prompt.
  if (!inFlow && result.outcome === 'sent') result.replies = [...(result.replies ?? []), { text: { key: 'toOfficer.added', vars: { ref: c.ref } } }];
  return result;
};

/** No open case: the message opens one ('other') that officers read; its reference and PIN are shown once. */
function messageCase(ctx: ActionContext, msg: Message): ActionResult {
  const created = createCase(ctx.db, {
    reporterContactId: ctx.contact.id,
    category: 'other',
    description: msg.text,
    country: ctx.contact.country,
    language: ctx.contact.language ?? ctx.config.DEFAULT_LANGUAGE,
    now: ctx.now,
    config: ctx.config,
  });
  if (msg.file) {
    const attachmentId = addPendingAttachment(ctx.db, created.id, ctx.contact.channel, msg.file, ctx.now);
    addEvent(ctx.db, created.id, ctx.now, 'reporter', 'attachment', { attachmentId });
  }
  announceNewCase(ctx.db, ctx.notify, caseById(ctx.db, created.id) as Case);
  ctx.audit('case_created', created.ref, 'message_to_officer');
  // The PIN is never put in the session: only this outbox row carries it to the person.
  return { outcome: 'created', replies: [{ text: { key: 'toOfficer.created', vars: { ref: created.ref, pin: created.pin } } }] };
}

/** Continues the thread after a relay: its acknowledgement is the prompt for the next message. */
const backToThread = (): Target => ({ flow: THREAD_FLOW, step: 'added', with: { caseId: '$caseId', ref: '$ref' } });

/** The reporter's side of a case thread (entered by an officer's message; see domain/cases/threadSession). */
export const threadFlow: Flow = {
  id: THREAD_FLOW,
  start: 'wait',
  steps: {
    wait: { ask: { key: 'thread.prompt', vars: { ref: '$ref' } }, check: 'thread.message', save: 'message', next: 'relay' },
    relay: { call: 'thread.relay', on: { expired: 'confirm', closed: 'end' }, next: 'more' },
    // The acknowledgement: "sent to the officer"; anything more goes the same way.
    more: { ask: { key: 'thread.sent', vars: { ref: '$ref' } }, check: 'thread.message', save: 'message', next: 'relay' },
    // The same, after "send this message to an officer" (a longer first acknowledgement).
    added: { ask: { key: 'toOfficer.added', vars: { ref: '$ref' } }, check: 'thread.message', save: 'message', next: 'relay' },
    confirm: {
      menu: { key: 'thread.confirm', vars: { ref: '$ref' } },
      options: [
        { label: 'thread.confirmYes', next: 'relayPending' },
        { label: 'thread.confirmNo', next: 'end' },
      ],
    },
    relayPending: { call: 'thread.relayPending', on: { closed: 'end' }, next: 'more' },
    end: { end: true },
  },
};

/**
 * "Send this message to an officer" (the engine's sendToOfficer entry, with `data.text`): to the
 * only open case (asked first when `confirm`), a picked one, or a new case that holds it.
 */
export const toOfficerFlow: Flow = {
  id: TO_OFFICER_FLOW,
  start: 'route',
  steps: {
    route: {
      call: 'sendToOfficer',
      args: { text: '$text', confirm: '$confirm', flow: TO_OFFICER_FLOW },
      on: { one: 'confirm', several: 'pick', sent: backToThread(), closed: 'end' },
      next: 'end',
    },
    confirm: {
      menu: { key: 'thread.confirm', vars: { ref: '$ref' } },
      options: [
        { label: 'thread.confirmYes', next: 'send' },
        { label: 'thread.confirmNo', next: 'end' },
      ],
    },
    pick: { menu: 'thread.pickCase', optionsFrom: 'case.myOpenCases', save: 'caseId', next: 'send' },
    send: { call: 'thread.relayPending', on: { sent: backToThread(), closed: 'end' }, next: 'end' },
    end: { end: true },
  },
};

export const threadActions: Record<string, Action> = {
  'thread.relay': relayMessage,
  'thread.relayPending': relayPending,
  sendToOfficer,
};

export const threadChecks: Record<string, Check> = { 'thread.message': threadMessage };
