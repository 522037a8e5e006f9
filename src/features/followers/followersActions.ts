/** Actions of the family-follower flows: the reporter's codes and list, the relative's redeeming. */
import { statusWords } from '../../domain/assistance/applications.js';
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, Check, Json, OptionSource } from '../../conversation/flow.js';
import { caseById, casesOfReporter, isOpen } from '../../domain/cases/cases.js';
import { createFollowCode, followersOf, redeemFollowCode, removeFollower } from '../../domain/cases/followers.js';
import { reachable } from '../../domain/cases/ops.js';
import { MAX_WRONG_PINS, pinKey, recordWrongPin, wrongPinCount } from '../../domain/cases/pin.js';
import { DateTime } from 'luxon';

/** The reporter's open cases, for the menu. */
const begin: Action = (ctx): ActionResult => {
  const open = casesOfReporter(ctx.db, ctx.contact.id).filter(isOpen);
  if (!open.length) return { outcome: 'none', replies: [{ text: { key: 'follow.noCases' } }] };
  return { outcome: 'some', set: { myCases: open.map((c) => ({ id: c.id, ref: c.ref })) } };
};

/** The chosen case, only when it is this contact's own. */
function ownCase(ctx: Parameters<Action>[0]) {
  const c = typeof ctx.data.caseId === 'number' ? caseById(ctx.db, ctx.data.caseId) : undefined;
  return c && c.reporterContactId === ctx.contact.id ? c : undefined;
}

const newCode: Action = (ctx, args): ActionResult => {
  const c = ownCase(ctx);
  if (!c) return { replies: [{ text: { key: 'follow.noCases' } }] };
  const details = args.details === 'yes';
  const code = createFollowCode(ctx.db, pinKey(ctx.config.DATA_DIR), c.id, details, ctx.contact.id, ctx.now);
  ctx.audit('case_follow_code', c.ref, details ? 'details' : 'status');
  return { replies: [{ text: { lines: [{ key: details ? 'follow.codeDetails' : 'follow.code', vars: { code, ref: c.ref } }, { key: 'follow.codeHow', vars: { code } }] } }] };
};

const list: Action = (ctx): ActionResult => {
  const c = ownCase(ctx);
  if (!c) return { outcome: 'none', replies: [{ text: { key: 'follow.noCases' } }] };
  const followers = followersOf(ctx.db, c.id);
  if (!followers.length) return { outcome: 'none', replies: [{ text: { key: 'follow.noFollowers', vars: { ref: c.ref } } }] };
  const items = followers.map((f) => ({
    id: f.id,
    label: {
      key: f.details ? 'follow.followerLineDetails' : 'follow.followerLine',
      vars: { channel: { t: `follow.channel.${f.channel}` }, date: DateTime.fromMillis(f.addedAt, { zone: ctx.config.HOME_TIMEZONE }).toFormat('dd-MM-yyyy') },
    },
  }));
  return { outcome: 'some', set: { followers: items as unknown as Json }, replies: [{ text: { key: 'follow.listTitle', vars: { ref: c.ref, count: followers.length } } }] };
};

const remove: Action = (ctx): ActionResult => {
  const c = ownCase(ctx);
  const id = typeof ctx.data.followerId === 'number' ? ctx.data.followerId : -1;
  if (!c || !removeFollower(ctx.db, c.id, id)) return { replies: [{ text: { key: 'follow.noFollowers', vars: { ref: c?.ref ?? '' } } }] };
  ctx.audit('case_follower_removed', c.ref);
  return { replies: [{ text: { key: 'follow.removed', vars: { ref: c.ref } } }] };
};

/** A relative enters a code: follows the case; the reporter is told (so a leaked code is noticed). */
const redeem: Action = (ctx, args): ActionResult => {
  const text = typeof args.text === 'string' ? args.text.trim() : '';
  if (!text) return { outcome: 'empty' };
  const after = ctx.contact.language ? 'done' : 'noLang';
  const { channel, chatId } = ctx.inbound;
  if (wrongPinCount(ctx.db, channel, chatId, ctx.now) >= MAX_WRONG_PINS) return { outcome: after, replies: [{ text: { key: 'caseStatus.locked' } }] };
  const result = redeemFollowCode(ctx.db, pinKey(ctx.config.DATA_DIR), text, ctx.contact.id, ctx.now);
  if (!result.ok) {
    if (result.reason === 'invalid') recordWrongPin(ctx.db, channel, chatId, ctx.now);
    return { outcome: after, replies: [{ text: { key: `follow.${result.reason}` } }] };
  }
  const c = caseById(ctx.db, result.caseId);
  if (!c) return { outcome: after, replies: [{ text: { key: 'follow.invalid' } }] };
  ctx.audit('case_follower_added', c.ref, result.details ? 'details' : 'status');
  if (reachable(c)) ctx.notify(c.reporterContactId as number, { text: { key: 'follow.reporterTold', vars: { ref: c.ref, channel: { t: `follow.channel.${ctx.contact.channel}` } } } });
  return {
    outcome: after,
    replies: [{ text: { key: result.details ? 'follow.followingDetails' : 'follow.following', vars: { ref: c.ref, status: statusWords(ctx.db, c) } } }],
  };
};

/** Any non-empty text. */
const code: Check = ({ text }) => (text.trim() ? { ok: true, value: text } : { ok: false, error: 'follow.ask' });

export const followersActions: Record<string, Action> = {
  'follow.begin': begin,
  'follow.newCode': newCode,
  'follow.list': list,
  'follow.remove': remove,
  'follow.redeem': redeem,
};

export const followersChecks: Record<string, Check> = { 'follow.code': code };

export const followersSources: Record<string, OptionSource> = {
  'follow.cases': (data) => {
    const cases = Array.isArray(data.myCases) ? (data.myCases as { id: number; ref: string }[]) : [];
    return cases.map((c) => ({ label: { raw: c.ref }, value: c.id }));
  },
  'follow.followers': (data) => {
    const items = Array.isArray(data.followers) ? (data.followers as unknown as { id: number; label: { key: string } }[]) : [];
    return items.map((f) => ({ label: f.label, value: f.id }));
  },
};
