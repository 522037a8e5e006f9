/** The officers' form for a programme session: reading, checking and rendering it. */
import type { DateTime } from 'luxon';
import { getPrograms } from '../../domain/assistance/programs.js';
import { parseLocal } from '../../domain/gatherings/recurrence.js';
import { MAX_PLACE_CHARS, MAX_QUOTA } from '../../domain/gatherings/sessions.js';
import { MAX_DURATION_MIN, MAX_TITLE_CHARS, MIN_DURATION_MIN, validLink } from '../../domain/gatherings/limits.js';
import type { DashboardKit } from '../kit/dashboard/page.js';
import { type Html, html } from '../kit/html.js';

/** Default length of a new session, in minutes. */
export const DEFAULT_SESSION_MINUTES = 120;

export interface SessionFormValues {
  program: string;
  title_id: string;
  title_en: string;
  title_jv: string;
  start: string;
  duration: string;
  place: string;
  link: string;
  quota: string;
}

const KEYS: (keyof SessionFormValues)[] = ['program', 'title_id', 'title_en', 'title_jv', 'start', 'duration', 'place', 'link', 'quota'];

export const EMPTY_SESSION_FORM: SessionFormValues = { program: '', title_id: '', title_en: '', title_jv: '', start: '', duration: String(DEFAULT_SESSION_MINUTES), place: '', link: '', quota: '' };

const str = (v: unknown, max = 600) => (typeof v === 'string' ? v.trim().slice(0, max) : '');

/** The programmes that hold sessions (data/programs.json, `"sessions": true`). */
export function sessionPrograms() {
  return getPrograms().filter((p) => p.sessions === true);
}

/** The form's fields from a request body (trimmed, bounded). */
export function readSessionForm(body: Record<string, unknown>): SessionFormValues {
  return Object.fromEntries(KEYS.map((k) => [k, str(body[k])])) as unknown as SessionFormValues;
}

export interface CheckedSession {
  errors: string[];
  start: DateTime | null;
  duration: number;
  quota: number;
  title: Record<string, string> & { id: string };
  place: string | null;
  link: string;
}

/** Checks the form; `errors` are keys under dashboard.sessions.error (the start is not checked when editing without a move). */
export function checkSessionForm(v: SessionFormValues, zone: string, now: number, creating: boolean): CheckedSession {
  const errors: string[] = [];
  if (creating && !sessionPrograms().some((p) => p.id === v.program)) errors.push('program');
  if (!v.title_id || [v.title_id, v.title_en, v.title_jv].some((t) => t.length > MAX_TITLE_CHARS)) errors.push('title');
  const start = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}$/.test(v.start) ? parseLocal(v.start, zone) : null;
  if (!start || start.toMillis() <= now) errors.push('start');
  const duration = Number(v.duration);
  if (!Number.isInteger(duration) || duration < MIN_DURATION_MIN || duration > MAX_DURATION_MIN) errors.push('duration');
  if (v.place.length > MAX_PLACE_CHARS) errors.push('place');
  if (v.link && !validLink(v.link)) errors.push('link');
  if (!v.place && !v.link) errors.push('where');
  const quota = Number(v.quota);
  if (!Number.isInteger(quota) || quota < 1 || quota > MAX_QUOTA) errors.push('quota');
  const title = { id: v.title_id, ...(v.title_en ? { en: v.title_en } : {}), ...(v.title_jv ? { jv: v.title_jv } : {}) };
  return { errors, start, duration, quota, title, place: v.place || null, link: v.link };
}

/** The form's fields (create or edit), with an error line under each field in `errors`. */
export function sessionFields(kit: DashboardKit, v: SessionFormValues, errors: string[], creating: boolean): Html {
  const t = kit.t;
  const zone = kit.services.config.HOME_TIMEZONE;
  const err = (k: string) => (errors.includes(k) ? html`<span class="field-error">${t(`dashboard.sessions.error.${k}`)}</span>` : '');
  const opt = t('dashboard.optional');
  const programField = creating
    ? html`<label>${t('dashboard.sessions.program')}<select name="program" required><option value="">—</option>${sessionPrograms().map(
        (p) => html`<option value="${p.id}"${v.program === p.id ? html` selected` : ''}>${t(`${p.texts}.title`)}</option>`,
      )}</select>${err('program')}</label>`
    : '';
  return html`${errors.length ? html`<p class="error" role="alert">${t('dashboard.sessions.fixErrors')}</p>` : ''}
  ${programField}
  <label>${t('dashboard.sessions.titleIn', { language: t('common.langName.id') })}<input name="title_id" required maxlength="${MAX_TITLE_CHARS}" value="${v.title_id}">${err('title')}</label>
  <label>${t('dashboard.sessions.titleIn', { language: t('common.langName.en') })} <span class="muted">${opt}</span><input name="title_en" maxlength="${MAX_TITLE_CHARS}" value="${v.title_en}"></label>
  <label>${t('dashboard.sessions.titleIn', { language: t('common.langName.jv') })} <span class="muted">${opt}</span><input name="title_jv" maxlength="${MAX_TITLE_CHARS}" value="${v.title_jv}"></label>
  <label>${t('dashboard.sessions.start', { zone })}<input type="datetime-local" name="start" required value="${v.start}">${err('start')}</label>
  <label>${t('dashboard.sessions.duration')}<input type="number" name="duration" min="${MIN_DURATION_MIN}" max="${MAX_DURATION_MIN}" required value="${v.duration}">${err('duration')}</label>
  <label>${t('dashboard.sessions.place')} <span class="muted">${t('dashboard.sessions.placeHint')}</span><input name="place" maxlength="${MAX_PLACE_CHARS}" value="${v.place}">${err('place')}</label>
  <label>${t('dashboard.sessions.link')} <span class="muted">${t('dashboard.sessions.linkHint')}</span><input type="url" name="link" placeholder="https://" value="${v.link}">${err('link')}${err('where')}</label>
  <label>${t('dashboard.sessions.quota')}<input type="number" name="quota" min="1" max="${MAX_QUOTA}" required value="${v.quota}">${err('quota')}${err('quotaBelow')}</label>`;
}
