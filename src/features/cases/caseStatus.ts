/**
 * "Check my report": the chat's own cases with their status in plain words and the last officer
 * message; another phone uses the reference and PIN (wrong PINs limited per chat, address and
 * reference: domain/cases/pinGuard.ts); information
 * can be added to an open case at any time.
 */
import { statusWords } from '../../domain/assistance/applications.js';
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { ActionResult, Flow, Json, Text } from '../../conversation/flow.js';
import { caseSubject } from '../../domain/assistance/requestCase.js';
import { addReporterInfo } from '../../domain/cases/ops.js';
import { officersOnDuty } from '../../domain/officers/reach.js';
import { pinKey, recordWrongPin, verifyPin } from '../../domain/cases/pin.js';
import { MAX_WRONG_PINS_PER_REF, lockReferenceIfGuessed, pinRefusal, refKey } from '../../domain/cases/pinGuard.js';
import { notifyOfficers } from '../../domain/cases/alerts.js';
import { addressTag } from '../../logger.js';
import { type Case, caseById, caseByRef, casesOfReporter, isOpen, lastOfficerMessage, pinHashOf } from '../../domain/cases/cases.js';
import type { EvidenceItem } from '../../domain/cases/evidence.js';
import { DateTime } from 'luxon';

/** Cases listed in one answer (newest first). */
export const MAX_CASES_LISTED = 10;

function dateOf(ctx: ActionContext, at: number): string {
  return DateTime.fromMillis(at, { zone: ctx.config.HOME_TIMEZONE }).toFormat('dd-MM-yyyy');
}

/** One case as the reporter sees it: reference, status in plain words, last officer message. */
function caseLines(ctx: ActionContext, c: Case): Text[] {
  const lines: Text[] = [
    {
      key: 'caseStatus.caseLine',
      vars: { ref: c.ref, category: caseSubject(c), date: dateOf(ctx, c.createdAt), status: statusWords(ctx.db, c) },
    },
  ];
  const last = lastOfficerMessage(ctx.db, c.id);
  if (last) lines.push({ key: 'caseStatus.lastMessage', vars: { date: dateOf(ctx, last.at) } }, { raw: `  “${last.text}”` });
  return lines;
}

const listMine: Action = (ctx): ActionResult => {
  // Discreet mode: nothing about a case without its PIN.
  if (ctx.contact.discreet) return { outcome: 'none', replies: [{ text: { key: 'discreet.pinFirst' } }] };
  const cases = casesOfReporter(ctx.db, ctx.contact.id);
  if (!cases.length) return { outcome: 'none', replies: [{ text: { key: 'caseStatus.noneHere' } }] };
  const lines: Text[] = [{ key: 'caseStatus.yourCases' }];
  for (const c of cases.slice(0, MAX_CASES_LISTED)) lines.push(...caseLines(ctx, c));
  const open = cases.filter(isOpen).map((c) => ({ id: c.id, ref: c.ref }));
  return { outcome: open.length ? 'open' : 'none', set: { openCases: open }, replies: [{ text: { lines } }] };
};

/** Reference + PIN from another phone. Same answer for a wrong PIN and an unknown reference. */
const verify: Action = (ctx): ActionResult => {
  const { channel, chatId, address } = ctx.inbound;
  const pin = typeof ctx.data.pin === 'string' ? ctx.data.pin : '';
  const ref = typeof ctx.data.ref === 'string' ? ctx.data.ref : '';
  // The PIN never stays in the stored session.
  const clear = { pin: null };
  const c = caseByRef(ctx.db, ref);
  // The reporter's own chat is never locked out of its own case (it needs no PIN at all).
  const own = c !== undefined && c.reporterContactId === ctx.contact.id;
  const refusal = own ? null : pinRefusal(ctx.db, { channel, chatId, address }, ref, ctx.now);
  if (refusal) {
    ctx.audit('case_pin_locked', refKey(ref), `limit: ${refusal}`);
    return { outcome: 'locked', set: clear, replies: [{ text: { key: 'caseStatus.locked' } }] };
  }
  const ok = verifyPin(pin, c ? pinHashOf(ctx.db, c.id) : null, pinKey(ctx.config.DATA_DIR));
  if ((!ok || !c) && !own) {
    recordWrongPin(ctx.db, channel, chatId, ctx.now, refKey(ref), address);
    ctx.audit('case_pin_wrong', refKey(ref), address ? `${channel}, address ${addressTag(address)}` : channel);
    const lockMs = lockReferenceIfGuessed(ctx.db, ref, ctx.now);
    // Officers hear about it when a real case is being guessed (an unknown reference alerts nobody).
    if (lockMs && c) {
      notifyOfficers(ctx.db, ctx.notify, () => ({
        text: { key: 'officer.pinGuessing', vars: { ref: c.ref, tries: MAX_WRONG_PINS_PER_REF, hours: Math.round(lockMs / 3600_000) } },
      }));
      ctx.audit('case_pin_ref_locked', c.ref, `${Math.round(lockMs / 3600_000)} h`);
    }
    return { outcome: 'wrong', set: clear, replies: [{ text: { key: 'caseStatus.notMatched' } }] };
  }
  if (!ok || !c) return { outcome: 'wrong', set: clear, replies: [{ text: { key: 'caseStatus.notMatched' } }] };
  ctx.audit('case_viewed_with_pin', c.ref);
  return {
    outcome: isOpen(c) ? 'ok' : 'closed',
    set: { ...clear, caseId: c.id, verifiedCaseId: c.id },
    replies: [{ text: { lines: caseLines(ctx, c) } }],
  };
};

/** Adds the text or file the user sent to the chosen case (their own, or one opened with its PIN). */
const addInfo: Action = (ctx): ActionResult => {
  const c = typeof ctx.data.caseId === 'number' ? caseById(ctx.db, ctx.data.caseId) : undefined;
  const allowed = c && (c.reporterContactId === ctx.contact.id || ctx.data.verifiedCaseId === c.id);
  if (!c || !allowed || !isOpen(c)) return { outcome: 'closed', replies: [{ text: { key: 'caseStatus.notOpen' } }] };
  const info = (ctx.data.info ?? {}) as { text?: Json; file?: Json };
  const text = typeof info.text === 'string' ? info.text : null;
  const file = info.file && typeof info.file === 'object' ? (info.file as unknown as EvidenceItem) : null;
  // Decided before the alert is queued: "officers have been alerted" only when one can see it.
  const onDuty = officersOnDuty(ctx.db, ctx.now);
  const { urgentNow } = addReporterInfo(ctx.db, ctx.notify, c, { text, file, channel: ctx.contact.channel }, ctx.now);
  const replies = [{ text: { key: 'caseStatus.infoSent', vars: { ref: c.ref } } }];
  if (urgentNow) replies.push({ text: { key: onDuty ? 'complaint.urgentNotice' : 'complaint.urgentNoticeNobody', vars: { ref: c.ref } } });
  return { outcome: 'sent', set: { info: null }, replies };
};

export const caseStatusFlow: Flow = {
  id: 'casestatus',
  start: 'list',
  steps: {
    list: { call: 'case.listMine', on: { open: 'menuOpen', none: 'menuNone' }, next: 'menuNone' },
    menuOpen: {
      menu: 'caseStatus.menuOpen',
      options: [
        { label: 'caseStatus.addInfo', next: 'pickCase' },
        { label: 'caseStatus.otherRef', next: 'askRef' },
        { label: 'follow.menuLabel', next: { flow: 'followers' } },
        { label: 'follow.enterCode', next: { flow: 'follow', step: 'ask' } },
      ],
    },
    menuNone: {
      menu: 'caseStatus.menuNone',
      options: [
        { label: 'caseStatus.otherRef', next: 'askRef' },
        { label: 'follow.enterCode', next: { flow: 'follow', step: 'ask' } },
      ],
    },
    pickCase: { menu: 'caseStatus.pickCase', optionsFrom: 'case.myOpenCases', save: 'caseId', next: 'askInfo' },
    askRef: { ask: 'caseStatus.askRef', check: 'case.ref', save: 'ref', next: 'askPin' },
    askPin: { ask: 'caseStatus.askPin', check: 'case.pin', save: 'pin', next: 'verify' },
    verify: { call: 'case.verifyPin', on: { ok: 'verified' }, next: 'end' },
    verified: { menu: 'caseStatus.verifiedMenu', options: [{ label: 'caseStatus.addInfo', next: 'askInfo' }] },
    askInfo: { ask: 'caseStatus.askInfo', check: 'case.info', save: 'info', next: 'addInfo' },
    addInfo: { call: 'case.addInfo', next: 'end' },
    end: { end: true },
  },
};

export const caseStatusActions: Record<string, Action> = {
  'case.listMine': listMine,
  'case.verifyPin': verify,
  'case.addInfo': addInfo,
};
