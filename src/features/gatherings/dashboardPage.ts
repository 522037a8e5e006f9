/**
 * Gatherings: upcoming occurrences with yes/maybe/no counts, a form to create one or a series,
 * moving or cancelling one occurrence, changing the time of or cancelling a series, and the
 * answers given for gatherings that are over. All changes go through src/domain/gatherings, so
 * people who said yes are told exactly as through the chat and the API.
 */
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { Lang } from '../../core/types.js';
import { RECURRENCES, type Recurrence, parseLocal } from '../../domain/gatherings/recurrence.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { cancelOccurrence, cancelSeries, changeSeriesTime, moveOccurrence } from '../../domain/gatherings/notices.js';
import {
  AUDIENCES,
  type GatheringAudience,
  counts,
  createGathering,
  gatheringExists,
  getOccurrence,
  listSeries,
  recentlyEnded,
  upcoming,
} from '../../domain/gatherings/store.js';
import { titleIn } from '../../domain/gatherings/time.js';
import { countryByCode, getCountries } from '../../domain/reference.js';
import { MAX_CAPACITY, MAX_DURATION_MIN, MAX_TITLE_CHARS, MIN_DURATION_MIN, validLink } from './gatheringsAdmin.js';
import { type Html, html } from '../kit/html.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';
import { dashboardActor } from '../../domain/officers/actors.js';

/** Occurrences listed as upcoming. */
export const UPCOMING_LIMIT = 12;
/** Gatherings that ended within this many days show their answers. */
export const ATTENDANCE_DAYS = 90;
const ATTENDANCE_LIMIT = 20;
const DEFAULT_DURATION = 60;

interface FormValues {
  title_id: string;
  title_en: string;
  title_jv: string;
  start: string;
  duration: string;
  link: string;
  audience: string;
  country: string;
  capacity: string;
  recurrence: string;
  until: string;
}

const str = (v: unknown, max = 600) => (typeof v === 'string' ? v.trim().slice(0, max) : '');
const selected = (on: boolean) => (on ? html` selected` : '');

function readForm(body: Record<string, unknown>): FormValues {
  const keys: (keyof FormValues)[] = ['title_id', 'title_en', 'title_jv', 'start', 'duration', 'link', 'audience', 'country', 'capacity', 'recurrence', 'until'];
  return Object.fromEntries(keys.map((k) => [k, str(body[k])])) as unknown as FormValues;
}

/** Checks the form; returns the error keys (dashboard.gatherings.error.*) or the new gathering's fields. */
function validate(v: FormValues, zone: string, now: number) {
  const errors: string[] = [];
  if (!v.title_id || v.title_id.length > MAX_TITLE_CHARS || v.title_en.length > MAX_TITLE_CHARS || v.title_jv.length > MAX_TITLE_CHARS) errors.push('title');
  const start = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/.test(v.start) ? parseLocal(v.start, zone) : null;
  if (!start || start.toMillis() <= now) errors.push('start');
  const duration = Number(v.duration);
  if (!Number.isInteger(duration) || duration < MIN_DURATION_MIN || duration > MAX_DURATION_MIN) errors.push('duration');
  if (!validLink(v.link)) errors.push('link');
  if (!(AUDIENCES as readonly string[]).includes(v.audience)) errors.push('audience');
  if (v.country && !countryByCode(v.country)) errors.push('country');
  const capacity = v.capacity ? Number(v.capacity) : null;
  if (capacity !== null && (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_CAPACITY)) errors.push('capacity');
  if (!(RECURRENCES as readonly string[]).includes(v.recurrence)) errors.push('recurrence');
  if (v.until && (!/^\d{4}-\d{2}-\d{2}$/.test(v.until) || (start && v.until < start.toISODate()!))) errors.push('until');
  return { errors, start, duration, capacity };
}

function answersCell(kit: DashboardKit, c: { yes: number; maybe: number; no: number }, capacity: number | null): Html {
  const t = kit.t;
  return html`<span class="answers"><span class="ans ans-yes">${t('dashboard.gatherings.yes')} ${c.yes}${capacity ? ` / ${capacity}` : ''}</span>
<span class="ans ans-maybe">${t('dashboard.gatherings.maybe')} ${c.maybe}</span> <span class="ans ans-no">${t('dashboard.gatherings.no')} ${c.no}</span></span>`;
}

function page(kit: DashboardKit, res: Response, values: FormValues, errors: string[], done: string | null): Html {
  const { db, config, clock } = kit.services;
  const t = kit.t;
  const now = clock.now();
  const lang = kit.lang as Lang;
  const csrf = kit.csrfField(res);
  const zone = config.HOME_TIMEZONE;
  const occ = upcoming(db, now, UPCOMING_LIMIT);
  const series = listSeries(db, now).filter((s) => s.recurrence !== 'once');
  const ended = recentlyEnded(db, now, now - ATTENDANCE_DAYS * 86400_000, ATTENDANCE_LIMIT);
  const localInput = (ms: number) => DateTime.fromMillis(ms, { zone }).toFormat("yyyy-LL-dd'T'HH:mm");
  const audienceText = (a: GatheringAudience, country: string | null) =>
    `${t(`gatherings.audienceName.${a}`)}${country ? ` · ${countryByCode(country)?.name[lang] ?? country}` : ''}`;
  const err = (k: string) => (errors.includes(k) ? html`<span class="field-error">${t(`dashboard.gatherings.error.${k}`)}</span>` : '');
  const upcomingTable = occ.length
    ? html`<div class="table-wrap"><table class="table gatherings">
<thead><tr><th>${t('dashboard.gatherings.when')}</th><th>${t('dashboard.gatherings.titleCol')}</th><th class="wide">${t('dashboard.gatherings.audience')}</th><th>${t(
        'dashboard.gatherings.answers',
      )}</th><th>${t('dashboard.gatherings.change')}</th></tr></thead>
<tbody>${occ.map(
        (o) => html`<tr>
<td>${kit.formatTime(o.startsAt)}<br><span class="muted">${t('dashboard.gatherings.minutes', { n: o.durationMin })} · ${t(`gatherings.recurrenceName.${o.recurrence}`)}</span></td>
<td>${titleIn(o.title, lang)}<br><a href="${o.link}" rel="noopener noreferrer" class="muted">${o.link}</a></td>
<td class="wide">${audienceText(o.audience, o.country)}</td>
<td>${answersCell(kit, counts(db, o.id), o.capacity)}</td>
<td class="row-actions">
  <form method="post" action="/dashboard/gatherings/occurrences/${o.id}/move" class="inline-form">${csrf}
    <label class="sr-only" for="move-${o.id}">${t('dashboard.gatherings.newStart')}</label>
    <input id="move-${o.id}" type="datetime-local" name="start" value="${localInput(o.startsAt)}" required>
    <button type="submit" class="secondary">${t('dashboard.gatherings.move')}</button></form>
  <form method="post" action="/dashboard/gatherings/occurrences/${o.id}/cancel" class="inline-form" data-confirm="${t('dashboard.gatherings.confirmCancelOne')}">${csrf}
    <button type="submit" class="danger">${t('dashboard.gatherings.cancelOne')}</button></form>
</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="notice">${t('dashboard.gatherings.noneUpcoming')}</p>`;
  const seriesList = series.length
    ? html`<ul class="series">${series.map(
        (s) => html`<li class="card">
<strong>${titleIn(s.title, lang)}</strong> · ${t(`gatherings.recurrenceName.${s.recurrence}`)} · ${audienceText(s.audience, s.country)}
<div class="row-actions">
<form method="post" action="/dashboard/gatherings/series/${s.id}/time" class="inline-form">${csrf}
  <label>${t('dashboard.gatherings.seriesTime')} <input type="time" name="time" required value="${s.next[0] ? DateTime.fromMillis(s.next[0].startsAt, { zone }).toFormat('HH:mm') : ''}"></label>
  <button type="submit" class="secondary">${t('dashboard.gatherings.changeTime')}</button></form>
<form method="post" action="/dashboard/gatherings/series/${s.id}/cancel" class="inline-form" data-confirm="${t('dashboard.gatherings.confirmCancelSeries')}">${csrf}
  <button type="submit" class="danger">${t('dashboard.gatherings.cancelSeries')}</button></form>
</div></li>`,
      )}</ul>`
    : html`<p class="muted">${t('dashboard.gatherings.noSeries')}</p>`;
  const attendance = ended.length
    ? html`<div class="table-wrap"><table class="table"><thead><tr><th>${t('dashboard.gatherings.when')}</th><th>${t('dashboard.gatherings.titleCol')}</th><th>${t(
        'dashboard.gatherings.answers',
      )}</th></tr></thead><tbody>${ended.map(
        (o) => html`<tr><td>${kit.formatTime(o.startsAt)}</td><td>${titleIn(o.title, lang)}</td><td>${answersCell(kit, counts(db, o.id), o.capacity)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('dashboard.gatherings.noAttendance')}</p>`;
  return html`${done ? html`<p class="flash" role="status">${t(`dashboard.gatherings.done.${done}`)}</p>` : ''}
<p class="jump"><a class="button secondary" href="#create">${t('dashboard.gatherings.createTitle')}</a></p>
<section><h2>${t('dashboard.gatherings.upcoming')}</h2>${occ.length === UPCOMING_LIMIT ? html`<p class="hint">${t('dashboard.gatherings.nextOnly', { n: UPCOMING_LIMIT })}</p>` : ''}${upcomingTable}</section>
<div class="two-col">
<form method="post" action="/dashboard/gatherings/create" class="card form-grid" id="create">${csrf}
  <h2>${t('dashboard.gatherings.createTitle')}</h2>
  ${errors.length ? html`<p class="error" role="alert">${t('dashboard.gatherings.fixErrors')}</p>` : ''}
  <label>${t('dashboard.gatherings.titleIn', { language: t('common.langName.id') })}<input name="title_id" required maxlength="${MAX_TITLE_CHARS}" value="${values.title_id}">${err('title')}</label>
  <label>${t('dashboard.gatherings.titleIn', { language: t('common.langName.en') })} <span class="muted">${t('dashboard.optional')}</span><input name="title_en" maxlength="${MAX_TITLE_CHARS}" value="${values.title_en}"></label>
  <label>${t('dashboard.gatherings.titleIn', { language: t('common.langName.jv') })} <span class="muted">${t('dashboard.optional')}</span><input name="title_jv" maxlength="${MAX_TITLE_CHARS}" value="${values.title_jv}"></label>
  <label>${t('dashboard.gatherings.start', { zone })}<input type="datetime-local" name="start" required value="${values.start}">${err('start')}</label>
  <label>${t('dashboard.gatherings.duration')}<input type="number" name="duration" min="${MIN_DURATION_MIN}" max="${MAX_DURATION_MIN}" required value="${values.duration}">${err('duration')}</label>
  <label>${t('dashboard.gatherings.link')}<input type="url" name="link" required placeholder="https://" value="${values.link}">${err('link')}</label>
  <label>${t('dashboard.gatherings.audience')}<select name="audience">${AUDIENCES.map((a) => html`<option value="${a}"${selected(values.audience === a)}>${t(`gatherings.audienceName.${a}`)}</option>`)}</select>${err('audience')}</label>
  <label>${t('dashboard.gatherings.country')}<select name="country"><option value="">${t('dashboard.gatherings.anyCountry')}</option>${getCountries().map(
    (c) => html`<option value="${c.code}"${selected(values.country === c.code)}>${c.name[lang]}</option>`,
  )}</select>${err('country')}</label>
  <label>${t('dashboard.gatherings.capacity')} <span class="muted">${t('dashboard.optional')}</span><input type="number" name="capacity" min="1" max="${MAX_CAPACITY}" value="${values.capacity}">${err('capacity')}</label>
  <label>${t('dashboard.gatherings.recurrence')}<select name="recurrence">${RECURRENCES.map((r: Recurrence) => html`<option value="${r}"${selected(values.recurrence === r)}>${t(`gatherings.recurrenceName.${r}`)}</option>`)}</select>${err('recurrence')}</label>
  <label>${t('dashboard.gatherings.until')} <span class="muted">${t('dashboard.optional')}</span><input type="date" name="until" value="${values.until}">${err('until')}</label>
  <button type="submit">${t('dashboard.gatherings.create')}</button>
</form>
<section><h2>${t('dashboard.gatherings.seriesTitle')}</h2>${seriesList}
<h2 class="spaced">${t('dashboard.gatherings.attendanceTitle', { days: ATTENDANCE_DAYS })}</h2>${attendance}</section>
</div>`;
}

const EMPTY: FormValues = { title_id: '', title_en: '', title_jv: '', start: '', duration: String(DEFAULT_DURATION), link: '', audience: 'family', country: '', capacity: '', recurrence: 'once', until: '' };

export const gatheringsPage: DashboardPage = {
  path: '/gatherings',
  titleKey: 'dashboard.nav.gatherings',
  nav: 30,
  mount(r, kit) {
    const { db, config, clock } = kit.services;
    const title = () => kit.t('dashboard.nav.gatherings');
    const done = (res: Response, what: string) => res.redirect(303, `/dashboard/gatherings?done=${what}`);
    const notices = new Set(['created', 'moved', 'cancelledOne', 'cancelledSeries', 'seriesMoved', 'gone']);

    r.get('/', (req, res) => {
      const d = typeof req.query.done === 'string' && notices.has(req.query.done) ? req.query.done : null;
      kit.render(res, { title: title(), body: page(kit, res, EMPTY, [], d) });
    });

    r.post('/create', (req: Request, res: Response) => {
      const v = readForm(req.body ?? {});
      const now = clock.now();
      const { errors, start, duration, capacity } = validate(v, config.HOME_TIMEZONE, now);
      if (errors.length || !start) return void kit.render(res, { status: 400, title: title(), body: page(kit, res, v, errors, null) });
      const id = db.transaction(() => {
        const gid = createGathering(
          db,
          {
            title: { id: v.title_id, ...(v.title_en ? { en: v.title_en } : {}), ...(v.title_jv ? { jv: v.title_jv } : {}) },
            startLocal: start.toFormat("yyyy-LL-dd'T'HH:mm"),
            timezone: config.HOME_TIMEZONE,
            durationMin: duration,
            link: v.link,
            audience: v.audience as GatheringAudience,
            country: v.country || null,
            capacity,
            recurrence: v.recurrence as Recurrence,
            untilLocal: v.until || null,
            createdBy: dashboardActor(kit.officer(res).id),
          },
          now,
        );
        kit.audit(res, 'gathering_created', `gathering:${gid}`, v.recurrence);
        return gid;
      })();
      void id;
      done(res, 'created');
    });

    r.post('/occurrences/:id/move', (req, res) => {
      const o = getOccurrence(db, Number(req.params.id));
      const now = clock.now();
      const start = parseLocal(str(req.body?.start), config.HOME_TIMEZONE);
      if (!o || !start || start.toMillis() <= now) return done(res, 'gone');
      const told = kit.services.notifier.transaction(({ toContact: notify }) => moveOccurrence(db, o.id, start.toMillis(), now, notify, gatheringSettings(config)));
      if (told < 0) return done(res, 'gone');
      kit.audit(res, 'gathering_occurrence_moved', `occurrence:${o.id}`, `told=${told}`);
      done(res, 'moved');
    });

    r.post('/occurrences/:id/cancel', (req, res) => {
      const o = getOccurrence(db, Number(req.params.id));
      const now = clock.now();
      if (!o) return done(res, 'gone');
      const told = kit.services.notifier.transaction(({ toContact: notify }) => cancelOccurrence(db, o.id, now, notify, gatheringSettings(config)));
      if (told < 0) return done(res, 'gone');
      kit.audit(res, 'gathering_occurrence_cancelled', `occurrence:${o.id}`, `told=${told}`);
      done(res, 'cancelledOne');
    });

    r.post('/series/:id/cancel', (req, res) => {
      const id = Number(req.params.id);
      const now = clock.now();
      if (!Number.isInteger(id) || !gatheringExists(db, id)) return done(res, 'gone');
      const told = kit.services.notifier.transaction(({ toContact: notify }) => cancelSeries(db, id, now, notify, gatheringSettings(config)));
      kit.audit(res, 'gathering_series_cancelled', `gathering:${id}`, `told=${told}`);
      done(res, 'cancelledSeries');
    });

    r.post('/series/:id/time', (req, res) => {
      const id = Number(req.params.id);
      const hhmm = str(req.body?.time);
      const now = clock.now();
      if (!Number.isInteger(id) || !gatheringExists(db, id) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(hhmm)) return done(res, 'gone');
      const told = kit.services.notifier.transaction(({ toContact: notify }) => changeSeriesTime(db, id, hhmm, now, notify, gatheringSettings(config)));
      kit.audit(res, 'gathering_series_moved', `gathering:${id}`, `${hhmm} told=${told}`);
      done(res, 'seriesMoved');
    });
  },
};
