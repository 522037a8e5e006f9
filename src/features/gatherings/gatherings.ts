/** "Family gatherings": upcoming occurrences in the user's local time, answers, calendar file. */
import type { Action, ActionContext } from '../../conversation/actions.js';
import type { Json, Text, VarValue } from '../../conversation/flow.js';
import type { Feature, Services } from '../feature.js';
import { pruneCalendarFiles, writeCalendarFile } from '../../domain/gatherings/calendar.js';
import { sendDueReminders } from '../../domain/gatherings/reminders.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { ANSWERS, type Answer, type Occurrence, answerOf, answeredBy, extendSeries, getOccurrence, hasEnded, upcoming } from '../../domain/gatherings/store.js';
import { setAnswer } from '../../domain/gatherings/answers.js';
import { titleIn, whenText } from '../../domain/gatherings/time.js';
import { gatheringsApi } from './api.js';
import { adminActions, adminChecks, adminFlows } from './gatheringsAdmin.js';
import { gatheringsPage } from './dashboardPage.js';
import { optionsFromData } from '../kit/optionsFromData.js';

/** Occurrences one list shows. */
export const LIST_LIMIT = 8;

/** A Text as a var value (so it can sit inside another text). */
export function asVar(t: Text): VarValue {
  const k = t as { key: string; vars?: Record<string, VarValue> };
  return k.vars ? { t: k.key, vars: k.vars } : { t: k.key };
}

/** One line of a list: when (in the viewer's time), title, and their answer if any. */
export function occurrenceLabel(ctx: ActionContext, o: Occurrence, answer: Answer | null): Text {
  const vars = { title: titleIn(o.title, ctx.lang), when: asVar(whenText(o.startsAt, ctx.contact, gatheringSettings(ctx.config))) };
  return answer ? { key: 'gatherings.labelAnswered', vars: { ...vars, answer: { t: `gatherings.answerName.${answer}` } } } : { key: 'gatherings.label', vars };
}

/** Lists upcoming occurrences (or those the user answered) as options for the next menu. */
const list: Action = (ctx, args) => {
  const mine = args.mine === true;
  const items = mine
    ? answeredBy(ctx.db, ctx.contact.id, ctx.now, LIST_LIMIT)
    : upcoming(ctx.db, ctx.now, LIST_LIMIT, { audience: ctx.contact.audience, country: ctx.contact.country });
  if (!items.length) return { outcome: 'none', replies: [{ text: { key: mine ? 'gatherings.noneMine' : 'gatherings.none' } }] };
  const options = items.map((o) => ({ label: occurrenceLabel(ctx, o, answerOf(ctx.db, o.id, ctx.contact.id)) as Json, value: o.id }));
  return { outcome: 'some', set: { options } };
};

function findOcc(ctx: ActionContext, args: Record<string, Json>): Occurrence | undefined {
  const o = getOccurrence(ctx.db, Number(args.occ));
  return o && o.state === 'scheduled' && !hasEnded(o, ctx.now) ? o : undefined;
}

/** Shows one occurrence; the meeting link only to someone who said yes (or an officer). */
const detail: Action = (ctx, args) => {
  const o = findOcc(ctx, args);
  if (!o) return { outcome: 'gone', replies: [{ text: { key: 'gatherings.gone' } }] };
  const answer = answerOf(ctx.db, o.id, ctx.contact.id);
  const lines: Text[] = [
    { key: 'gatherings.detail', vars: { title: titleIn(o.title, ctx.lang), when: asVar(whenText(o.startsAt, ctx.contact, gatheringSettings(ctx.config))), minutes: o.durationMin } },
    answer ? { key: 'gatherings.yourAnswer', vars: { answer: { t: `gatherings.answerName.${answer}` } } } : { key: 'gatherings.notAnswered' },
    answer === 'yes' || ctx.contact.role === 'officer' ? { key: 'gatherings.link', vars: { link: o.link } } : { key: 'gatherings.linkAfterYes' },
  ];
  return { outcome: 'ok', replies: [{ text: { lines } }] };
};

/** Records yes / no / maybe; a yes gets the link, a full gathering refuses a yes politely. */
const answer: Action = (ctx, args) => {
  const value = String(args.answer) as Answer;
  if (!ANSWERS.includes(value)) throw new Error(`gatherings.answer: unknown answer ${value}`);
  const occId = Number(args.occ);
  const outcome = setAnswer(ctx.db, occId, ctx.contact.id, value, ctx.now, gatheringSettings(ctx.config).offsets);
  if (outcome === 'gone') return { outcome, replies: [{ text: { key: 'gatherings.gone' } }] };
  if (outcome === 'full') return { outcome, replies: [{ text: { key: 'gatherings.full' } }] };
  const o = getOccurrence(ctx.db, occId) as Occurrence;
  const title = titleIn(o.title, ctx.lang);
  if (value === 'yes') return { outcome, replies: [{ text: { key: 'gatherings.answered.yes', vars: { title, link: o.link } } }] };
  return { outcome, replies: [{ text: { key: `gatherings.answered.${value}`, vars: { title } } }] };
};

/** Sends an .ics file for the occurrence (with the link only for a yes). */
const calendar: Action = (ctx, args) => {
  const o = findOcc(ctx, args);
  if (!o) return { outcome: 'gone', replies: [{ text: { key: 'gatherings.gone' } }] };
  const withLink = answerOf(ctx.db, o.id, ctx.contact.id) === 'yes' || ctx.contact.role === 'officer';
  const media = writeCalendarFile(ctx.config.DATA_DIR, o, ctx.lang, withLink, ctx.config.REGION_NAME);
  return { outcome: 'ok', replies: [{ text: { key: withLink ? 'gatherings.calendarSent' : 'gatherings.calendarSentNoLink' }, media }] };
};

export const gatheringsFeature: Feature = {
  name: 'gatherings',
  pages: [gatheringsPage],
  actions: {
    'gatherings.list': list,
    'gatherings.detail': detail,
    'gatherings.answer': answer,
    'gatherings.calendar': calendar,
    ...adminActions,
  },
  checks: adminChecks,
  sources: { 'gatherings.options': optionsFromData },
  commands: {
    gathering: { target: { flow: 'gatheringNew' }, officerOnly: true },
    gatherings: { target: { flow: 'gatheringAdmin' }, officerOnly: true },
  },
  flows: [
    {
      id: 'gatherings',
      start: 'menu',
      steps: {
        menu: {
          menu: 'gatherings.title',
          options: [
            { label: 'gatherings.upcoming', next: 'list', set: { mine: false } },
            { label: 'gatherings.mine', next: 'list', set: { mine: true } },
          ],
        },
        list: { call: 'gatherings.list', args: { mine: '$mine' }, on: { none: 'end' }, next: 'pick' },
        pick: { menu: 'gatherings.pick', optionsFrom: 'gatherings.options', save: 'occ', next: 'detail' },
        detail: { call: 'gatherings.detail', args: { occ: '$occ' }, on: { gone: 'end' }, next: 'answer' },
        answer: {
          menu: 'gatherings.answerMenu',
          options: [
            { label: 'gatherings.answerOption.yes', next: 'yes' },
            { label: 'gatherings.answerOption.maybe', next: 'maybe' },
            { label: 'gatherings.answerOption.no', next: 'no' },
            { label: 'gatherings.calendarOption', next: 'calendar' },
          ],
        },
        yes: { call: 'gatherings.answer', args: { occ: '$occ', answer: 'yes' }, on: { full: 'answer' }, next: 'end' },
        maybe: { call: 'gatherings.answer', args: { occ: '$occ', answer: 'maybe' }, next: 'end' },
        no: { call: 'gatherings.answer', args: { occ: '$occ', answer: 'no' }, next: 'end' },
        calendar: { call: 'gatherings.calendar', args: { occ: '$occ' }, next: 'end' },
        end: { end: true },
      },
    },
    ...adminFlows,
  ],
  api: gatheringsApi,
  jobs: (services) => [
    {
      name: 'gatherings',
      schedule: '* * * * *',
      run: () => {
        runGatheringsJob(services);
      },
    },
  ],
};

/** The minute job: send due reminders, keep series materialized, prune old calendar files. */
export function runGatheringsJob(services: Services) {
  const now = services.clock.now();
  services.db.transaction(() => extendSeries(services.db, now))();
  const result = sendDueReminders(services, gatheringSettings(services.config));
  pruneCalendarFiles(services.config.DATA_DIR, now);
  return result;
}
