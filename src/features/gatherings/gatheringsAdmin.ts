/** Officer side of gatherings: `/gathering` (guided creation) and `/gatherings` (list, change, cancel, attendance). */
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { Check, Flow, Json, Text } from '../../conversation/flow.js';
import { parseLocal } from '../../domain/gatherings/recurrence.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { cancelOccurrence, cancelSeries, changeSeriesTime, moveOccurrence } from '../../domain/gatherings/notices.js';
import {
  type GatheringAudience,
  type Occurrence,
  counts,
  createGathering,
  getOccurrence,
  hasEnded,
  recentlyEnded,
  upcoming,
} from '../../domain/gatherings/store.js';
import { formatAt, titleIn } from '../../domain/gatherings/time.js';
import type { Recurrence } from '../../domain/gatherings/recurrence.js';
import { MAX_CAPACITY, MAX_DURATION_MIN, MAX_TITLE_CHARS, MIN_DURATION_MIN, validLink } from '../../domain/gatherings/limits.js';

export { MAX_CAPACITY, MAX_DURATION_MIN, MAX_LINK_CHARS, MAX_TITLE_CHARS, MIN_DURATION_MIN, validLink } from '../../domain/gatherings/limits.js';

/** Officers see attendance of gatherings that ended this recently. */
export const ATTENDANCE_WINDOW_MS = 14 * 86400_000;
export const ADMIN_LIST_LIMIT = 10;

const int = (text: string) => (/^\d{1,6}$/.test(text.trim()) ? Number(text.trim()) : NaN);

export const adminChecks: Record<string, Check> = {
  'gatherings.title': ({ text }) =>
    text.trim() && text.length <= MAX_TITLE_CHARS ? { ok: true, value: text.trim() } : { ok: false, error: { key: 'gatherings.new.badTitle', vars: { max: String(MAX_TITLE_CHARS) } } },
  // The officers' time zone is put in the flow's data by gatherings.begin, since checks see no config.
  'gatherings.startTime': ({ text, data, now }) => {
    const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{1,2})[:.](\d{2})$/.exec(text.trim());
    const dt = m ? parseLocal(`${m[1]}T${m[2].padStart(2, '0')}:${m[3]}`, String(data.tz)) : null;
    if (!dt) return { ok: false, error: 'gatherings.new.badStart' };
    if (dt.toMillis() <= now) return { ok: false, error: 'gatherings.new.pastStart' };
    return { ok: true, value: dt.toFormat("yyyy-LL-dd'T'HH:mm") };
  },
  'gatherings.minutes': ({ text }) => {
    const n = int(text);
    return n >= MIN_DURATION_MIN && n <= MAX_DURATION_MIN ? { ok: true, value: n } : { ok: false, error: { key: 'gatherings.new.badDuration', vars: { min: String(MIN_DURATION_MIN), max: String(MAX_DURATION_MIN) } } };
  },
  'gatherings.link': ({ text }) => (validLink(text.trim()) ? { ok: true, value: text.trim() } : { ok: false, error: 'gatherings.new.badLink' }),
  'gatherings.capacity': ({ text }) => {
    const n = int(text);
    return n >= 1 && n <= MAX_CAPACITY ? { ok: true, value: n } : { ok: false, error: 'gatherings.new.badCapacity' };
  },
  'gatherings.timeOfDay': ({ text }) => {
    const m = /^(\d{1,2})[:.](\d{2})$/.exec(text.trim());
    if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) return { ok: false, error: 'gatherings.admin.badTime' };
    return { ok: true, value: `${m[1].padStart(2, '0')}:${m[2]}` };
  },
};

/** Home time of an occurrence, as officers read it. */
function homeWhen(ctx: ActionContext, ms: number): string {
  return formatAt(ms, ctx.config.HOME_TIMEZONE, ctx.lang);
}

/** Puts the home time zone into the flow's data for the start-time check. */
const begin: Action = (ctx) => ({ set: { tz: ctx.config.HOME_TIMEZONE }, replies: [{ text: { key: 'gatherings.new.intro', vars: { zone: ctx.config.HOME_TIMEZONE } } }] });

function summaryVars(ctx: ActionContext) {
  const d = ctx.data as Record<string, Json>;
  const title = d.title as Record<string, string | null>;
  const start = parseLocal(String(d.start), ctx.config.HOME_TIMEZONE)!;
  return {
    titles: [title.id, title.en, title.jv].filter(Boolean).join(' / '),
    start: homeWhen(ctx, start.toMillis()),
    minutes: Number(d.duration),
    link: String(d.link),
    audience: { t: `gatherings.audienceName.${String(d.audience)}` },
    country: d.country ? String(d.country) : '-',
    capacity: d.capacity === null || d.capacity === undefined ? '-' : Number(d.capacity),
    recurrence: { t: `gatherings.recurrenceName.${String(d.recurrence)}` },
  };
}

const summary: Action = (ctx) => ({ replies: [{ text: { key: 'gatherings.new.summary', vars: summaryVars(ctx) } }] });

/** Creates the gathering from the guided answers. */
const create: Action = (ctx) => {
  const d = ctx.data as Record<string, Json>;
  const start = parseLocal(String(d.start), ctx.config.HOME_TIMEZONE);
  if (!start || start.toMillis() <= ctx.now) return { outcome: 'past', replies: [{ text: { key: 'gatherings.new.pastStart' } }] };
  const t = d.title as Record<string, string | null>;
  const id = createGathering(
    ctx.db,
    {
      title: { id: String(t.id), ...(t.en ? { en: t.en } : {}), ...(t.jv ? { jv: t.jv } : {}) },
      startLocal: String(d.start),
      timezone: ctx.config.HOME_TIMEZONE,
      durationMin: Number(d.duration),
      link: String(d.link),
      audience: String(d.audience) as GatheringAudience,
      country: d.country ? String(d.country) : null,
      capacity: d.capacity === null || d.capacity === undefined ? null : Number(d.capacity),
      recurrence: String(d.recurrence) as Recurrence,
      createdBy: `contact:${ctx.contact.id}`,
    },
    ctx.now,
  );
  ctx.audit('gathering_created', `gathering:${id}`);
  return { outcome: 'ok', replies: [{ text: { key: 'gatherings.new.created', vars: { id: String(id) } } }] };
};

function adminLine(ctx: ActionContext, o: Occurrence, ended: boolean): Text {
  const c = counts(ctx.db, o.id);
  return {
    key: ended ? 'gatherings.admin.lineEnded' : 'gatherings.admin.line',
    vars: { title: titleIn(o.title, ctx.lang), when: homeWhen(ctx, o.startsAt), yes: c.yes, maybe: c.maybe, no: c.no, capacity: o.capacity ?? '-' },
  };
}

/** Upcoming occurrences and recently ended ones (attendance), each with yes/maybe/no counts. */
const adminList: Action = (ctx) => {
  const next = upcoming(ctx.db, ctx.now, ADMIN_LIST_LIMIT);
  const past = recentlyEnded(ctx.db, ctx.now, ctx.now - ATTENDANCE_WINDOW_MS, ADMIN_LIST_LIMIT);
  if (!next.length && !past.length) return { outcome: 'none', replies: [{ text: { key: 'gatherings.admin.none' } }] };
  const options = [...next.map((o) => ({ label: adminLine(ctx, o, false) as Json, value: o.id })), ...past.map((o) => ({ label: adminLine(ctx, o, true) as Json, value: o.id }))];
  return { outcome: 'some', set: { options, tz: ctx.config.HOME_TIMEZONE } };
};

/** One occurrence for an officer: home time, link, capacity and the answers so far. */
const adminDetail: Action = (ctx, args) => {
  const o = getOccurrence(ctx.db, Number(args.occ));
  if (!o) return { outcome: 'gone', replies: [{ text: { key: 'gatherings.gone' } }] };
  const c = counts(ctx.db, o.id);
  const ended = hasEnded(o, ctx.now);
  ctx.audit('gathering_viewed', `occurrence:${o.id}`);
  return {
    outcome: ended ? 'ended' : 'ok',
    replies: [
      {
        text: {
          key: ended ? 'gatherings.admin.attendance' : 'gatherings.admin.detail',
          vars: {
            title: titleIn(o.title, ctx.lang),
            when: homeWhen(ctx, o.startsAt),
            minutes: o.durationMin,
            link: o.link,
            capacity: o.capacity ?? '-',
            recurrence: { t: `gatherings.recurrenceName.${o.recurrence}` },
            yes: c.yes,
            maybe: c.maybe,
            no: c.no,
          },
        },
      },
    ],
  };
};

/** Runs a change that tells yes-sayers, and reports how many were told. */
function change(key: string, audit: string, run: (ctx: ActionContext, o: Occurrence) => number): Action {
  return (ctx, args) => {
    const o = getOccurrence(ctx.db, Number(args.occ));
    const told = o ? run(ctx, o) : -1;
    if (told < 0) return { outcome: 'gone', replies: [{ text: { key: 'gatherings.gone' } }] };
    ctx.audit(audit, `occurrence:${o!.id}`, `told=${told}`);
    return { outcome: 'ok', replies: [{ text: { key, vars: { told } } }] };
  };
}

const notifyOf = (ctx: ActionContext) => (cid: number, reply: Parameters<ActionContext['notify']>[1]) => ctx.notify(cid, reply);

const adminOps: Record<string, Action> = {
  'gatherings.cancelOne': change('gatherings.admin.cancelledOne', 'gathering_occurrence_cancelled', (ctx, o) =>
    cancelOccurrence(ctx.db, o.id, ctx.now, notifyOf(ctx), gatheringSettings(ctx.config)),
  ),
  'gatherings.cancelSeries': change('gatherings.admin.cancelledSeries', 'gathering_series_cancelled', (ctx, o) =>
    cancelSeries(ctx.db, o.gatheringId, ctx.now, notifyOf(ctx), gatheringSettings(ctx.config)),
  ),
  'gatherings.move': change('gatherings.admin.moved', 'gathering_occurrence_moved', (ctx, o) => {
    const start = parseLocal(String(ctx.data.newStart), ctx.config.HOME_TIMEZONE);
    return start ? moveOccurrence(ctx.db, o.id, start.toMillis(), ctx.now, notifyOf(ctx), gatheringSettings(ctx.config)) : -1;
  }),
  'gatherings.seriesTime': change('gatherings.admin.seriesMoved', 'gathering_series_moved', (ctx, o) =>
    changeSeriesTime(ctx.db, o.gatheringId, String(ctx.data.hhmm), ctx.now, notifyOf(ctx), gatheringSettings(ctx.config)),
  ),
};

export const adminActions: Record<string, Action> = {
  'gatherings.begin': begin,
  'gatherings.summary': summary,
  'gatherings.create': create,
  'gatherings.adminList': adminList,
  'gatherings.adminDetail': adminDetail,
  ...adminOps,
};

const yesNo = (yes: string, no: string, question: string) => ({
  menu: question,
  options: [
    { label: 'gatherings.admin.confirmYes', next: yes },
    { label: 'gatherings.admin.confirmNo', next: no },
  ],
});

export const adminFlows: Flow[] = [
  {
    id: 'gatheringNew',
    start: 'begin',
    steps: {
      begin: { call: 'gatherings.begin', next: 'titleId' },
      titleId: { ask: 'gatherings.new.titleId', check: 'gatherings.title', save: 'title.id', next: 'titleEn' },
      titleEn: { ask: 'gatherings.new.titleEn', check: 'gatherings.title', save: 'title.en', next: 'titleJv', optional: true },
      titleJv: { ask: 'gatherings.new.titleJv', check: 'gatherings.title', save: 'title.jv', next: 'start', optional: true },
      start: { ask: { key: 'gatherings.new.start', vars: { zone: '$tz' } }, check: 'gatherings.startTime', save: 'start', next: 'duration' },
      duration: { ask: 'gatherings.new.duration', check: 'gatherings.minutes', save: 'duration', next: 'link' },
      link: { ask: 'gatherings.new.link', check: 'gatherings.link', save: 'link', next: 'audience' },
      audience: {
        menu: 'gatherings.new.audience',
        options: [
          { label: 'gatherings.audienceName.family', next: 'country', set: { audience: 'family' } },
          { label: 'gatherings.audienceName.worker', next: 'country', set: { audience: 'worker' } },
          { label: 'gatherings.audienceName.everyone', next: 'country', set: { audience: 'everyone' } },
        ],
      },
      country: {
        menu: 'gatherings.new.country',
        options: [
          { label: 'gatherings.new.anyCountry', next: 'capacity', set: { country: null } },
          ...['HK', 'TW', 'MY', 'JP', 'SG', 'KR', 'SA'].map((code) => ({ label: `gatherings.countryName.${code}`, next: 'capacity', set: { country: code } })),
        ],
      },
      capacity: { ask: 'gatherings.new.capacity', check: 'gatherings.capacity', save: 'capacity', next: 'recurrence', optional: true },
      recurrence: {
        menu: 'gatherings.new.recurrence',
        options: [
          { label: 'gatherings.recurrenceName.once', next: 'summary', set: { recurrence: 'once' } },
          { label: 'gatherings.recurrenceName.weekly', next: 'summary', set: { recurrence: 'weekly' } },
          { label: 'gatherings.recurrenceName.monthly', next: 'summary', set: { recurrence: 'monthly' } },
        ],
      },
      summary: { call: 'gatherings.summary', next: 'confirm' },
      confirm: yesNo('create', 'discard', 'gatherings.new.confirm'),
      create: { call: 'gatherings.create', on: { past: 'start' }, next: 'end' },
      discard: { end: true, say: 'gatherings.new.discarded' },
      end: { end: true },
    },
  },
  {
    id: 'gatheringAdmin',
    start: 'list',
    steps: {
      list: { call: 'gatherings.adminList', on: { none: 'end' }, next: 'pick' },
      pick: { menu: 'gatherings.admin.pick', optionsFrom: 'gatherings.options', save: 'occ', next: 'detail' },
      detail: { call: 'gatherings.adminDetail', args: { occ: '$occ' }, on: { gone: 'end', ended: 'end' }, next: 'manage' },
      manage: {
        menu: 'gatherings.admin.manage',
        options: [
          { label: 'gatherings.admin.moveOne', next: 'moveAsk' },
          { label: 'gatherings.admin.cancelOne', next: 'cancelOneConfirm' },
          { label: 'gatherings.admin.moveSeries', next: 'seriesAsk' },
          { label: 'gatherings.admin.cancelSeries', next: 'cancelSeriesConfirm' },
        ],
      },
      moveAsk: { ask: 'gatherings.admin.askNewStart', check: 'gatherings.startTime', save: 'newStart', next: 'move' },
      move: { call: 'gatherings.move', args: { occ: '$occ' }, next: 'end' },
      cancelOneConfirm: yesNo('cancelOne', 'end', 'gatherings.admin.confirmCancelOne'),
      cancelOne: { call: 'gatherings.cancelOne', args: { occ: '$occ' }, next: 'end' },
      seriesAsk: { ask: 'gatherings.admin.askNewTime', check: 'gatherings.timeOfDay', save: 'hhmm', next: 'seriesTime' },
      seriesTime: { call: 'gatherings.seriesTime', args: { occ: '$occ' }, next: 'end' },
      cancelSeriesConfirm: yesNo('cancelSeries', 'end', 'gatherings.admin.confirmCancelSeries'),
      cancelSeries: { call: 'gatherings.cancelSeries', args: { occ: '$occ' }, next: 'end' },
      end: { end: true },
    },
  },
];
