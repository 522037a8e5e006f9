/** Chat actions of programme sessions: list, detail, sign up, waitlist, cancel, calendar file. */
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { Check, Json, Text, VarValue } from '../../conversation/flow.js';
import { writeCalendarFile } from '../../domain/gatherings/calendar.js';
import { sessionWhen, sessionWhere } from '../../domain/gatherings/sessionText.js';
import {
  MAX_SIGNUP_NAME_CHARS,
  cancelSignUp,
  getSession,
  joinWaitlist,
  placesLeft,
  signUp,
  signUpState,
  upcomingSessions,
  waitlistCount,
} from '../../domain/gatherings/sessions.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { type Occurrence, hasEnded } from '../../domain/gatherings/store.js';
import { titleIn } from '../../domain/gatherings/time.js';

/** Sessions one list shows. */
export const SESSION_LIST_LIMIT = 8;
/** The value of the "ask an officer" line in the session list. */
export const ASK_OFFICER = 'ask';
/** The value of the "other programmes" line in the session list. */
export const OTHER_PROGRAMS = 'programs';

export const sessionChecks: Record<string, Check> = {
  'sessions.name': ({ text }) => {
    const name = text.trim().replace(/\s+/g, ' ');
    return name && name.length <= MAX_SIGNUP_NAME_CHARS ? { ok: true, value: name } : { ok: false, error: { key: 'sessions.badName', vars: { max: String(MAX_SIGNUP_NAME_CHARS) } } };
  },
};

function openSession(ctx: ActionContext, args: Record<string, Json>): Occurrence | undefined {
  const o = getSession(ctx.db, Number(args.occ));
  return o && o.state === 'scheduled' && !hasEnded(o, ctx.now) && o.startsAt > ctx.now ? o : undefined;
}

const settings = (ctx: ActionContext) => gatheringSettings(ctx.config);
const gone = { outcome: 'gone', replies: [{ text: { key: 'sessions.gone' } }] };

function leftVar(ctx: ActionContext, o: Occurrence): VarValue {
  const left = placesLeft(ctx.db, o);
  if (left === null) return '';
  return left > 0 ? { t: 'sessions.leftShort', vars: { n: left } } : { t: 'sessions.fullShort' };
}

/** Lists a programme's upcoming sessions (home time, place, places left, the user's own state), then "ask an officer" and "other programmes". */
const list: Action = (ctx, args) => {
  const items = upcomingSessions(ctx.db, String(args.program), ctx.now, SESSION_LIST_LIMIT);
  if (!items.length) return { outcome: 'none', replies: [{ text: { key: 'sessions.none' } }] };
  const options: { label: Json; value: Json }[] = items.map((o) => {
    const st = signUpState(ctx.db, o.id, ctx.contact.id).state;
    const label: Text = {
      key: 'sessions.label',
      vars: {
        when: sessionWhen(o, ctx.lang, settings(ctx)),
        title: titleIn(o.title, ctx.lang),
        where: sessionWhere(o, st === 'signedUp'),
        // Someone already signed up or waiting sees that instead of the places left.
        left: st === 'none' ? leftVar(ctx, o) : { t: `sessions.mineMark.${st}` },
      },
    };
    return { label: label as Json, value: o.id };
  });
  options.push({ label: { key: 'sessions.askOfficer' }, value: ASK_OFFICER }, { label: { key: 'sessions.otherPrograms' }, value: OTHER_PROGRAMS });
  return { outcome: 'some', set: { options } };
};

/** One session: when, where, duration, places left or the waitlist, and where the user stands. */
const detail: Action = (ctx, args) => {
  const o = openSession(ctx, args);
  if (!o) return gone;
  const st = signUpState(ctx.db, o.id, ctx.contact.id);
  const left = placesLeft(ctx.db, o);
  const lines: Text[] = [
    {
      key: 'sessions.detail',
      vars: { title: titleIn(o.title, ctx.lang), when: sessionWhen(o, ctx.lang, settings(ctx)), where: sessionWhere(o, st.state === 'signedUp'), minutes: o.durationMin },
    },
  ];
  if (left !== null && left > 0) lines.push({ key: 'sessions.placesLeft', vars: { n: left, quota: o.capacity ?? 0 } });
  if (left === 0) lines.push({ key: 'sessions.fullNow', vars: { quota: o.capacity ?? 0, waiting: waitlistCount(ctx.db, o.id) } });
  if (st.state === 'signedUp') lines.push({ key: 'sessions.state.signedUp' });
  if (st.state === 'waiting') lines.push({ key: 'sessions.state.waiting', vars: { position: st.position } });
  const outcome = st.state === 'signedUp' ? 'signedUp' : st.state === 'waiting' ? 'waiting' : left === 0 ? 'full' : 'open';
  return { outcome, replies: [{ text: { lines } }] };
};

/** Signs up (quota enforced in one statement); a session that filled meanwhile offers the waitlist. */
const doSignUp: Action = (ctx, args) => {
  const name = typeof args.name === 'string' ? args.name : null;
  const result = signUp(ctx.db, Number(args.occ), ctx.contact.id, name, ctx.now, settings(ctx));
  if (result === 'gone') return gone;
  if (result === 'full') return { outcome: 'full', replies: [{ text: { key: 'sessions.full' } }] };
  if (result === 'already') return { outcome: 'ok', replies: [{ text: { key: 'sessions.already' } }] };
  const o = getSession(ctx.db, Number(args.occ))!;
  ctx.contacts.recordConsent(ctx.contact.id, ctx.now);
  ctx.audit('session_signed_up', `occurrence:${o.id}`);
  return {
    outcome: 'ok',
    replies: [{ text: { key: 'sessions.signedUp', vars: { title: titleIn(o.title, ctx.lang), when: sessionWhen(o, ctx.lang, settings(ctx)), where: sessionWhere(o, true) } } }],
  };
};

/** Joins the waitlist (or takes a place that freed up meanwhile). */
const waitlist: Action = (ctx, args) => {
  const name = typeof args.name === 'string' ? args.name : null;
  const result = joinWaitlist(ctx.db, Number(args.occ), ctx.contact.id, name, ctx.now, settings(ctx));
  if (result.outcome === 'gone') return gone;
  if (result.outcome === 'signedUp') return doSignUp(ctx, args);
  const o = getSession(ctx.db, Number(args.occ))!;
  ctx.contacts.recordConsent(ctx.contact.id, ctx.now);
  ctx.audit('session_waitlisted', `occurrence:${o.id}`);
  return { outcome: 'ok', replies: [{ text: { key: 'sessions.waiting', vars: { title: titleIn(o.title, ctx.lang), position: result.position } } }] };
};

/** Cancels the user's sign-up (the place goes to the first on the waitlist) or leaves the waitlist. */
const cancel: Action = (ctx, args) => {
  const o = openSession(ctx, args);
  if (!o) return gone;
  const result = cancelSignUp(ctx.db, o.id, ctx.contact.id, ctx.now, (cid, reply) => ctx.notify(cid, reply), settings(ctx));
  if (result === 'gone') return gone;
  if (result === 'none') return { outcome: 'none', replies: [{ text: { key: 'sessions.notSignedUp' } }] };
  ctx.audit(result === 'ok' ? 'session_sign_up_cancelled' : 'session_waitlist_left', `occurrence:${o.id}`);
  return { outcome: 'ok', replies: [{ text: { key: result === 'ok' ? 'sessions.cancelled' : 'sessions.leftWaitlist', vars: { title: titleIn(o.title, ctx.lang) } } }] };
};

/** Sends an .ics calendar file of the session (place as location; the link only to those signed up). */
const calendar: Action = (ctx, args) => {
  const o = openSession(ctx, args);
  if (!o) return gone;
  const withLink = signUpState(ctx.db, o.id, ctx.contact.id).state === 'signedUp';
  const media = writeCalendarFile(ctx.config.DATA_DIR, o, ctx.lang, withLink, ctx.config.REGION_NAME);
  return { outcome: 'ok', replies: [{ text: { key: 'sessions.calendarSent' }, media }] };
};

export const sessionActions: Record<string, Action> = {
  'sessions.list': list,
  'sessions.detail': detail,
  'sessions.signUp': doSignUp,
  'sessions.waitlist': waitlist,
  'sessions.cancel': cancel,
  'sessions.calendar': calendar,
};
