/**
 * Programme sessions on the dashboard: upcoming sessions per programme with sign-ups against the
 * quota and the waitlist, a form to create one, and per session its sign-ups (names, waitlist),
 * an edit form (a new start, place or link is told to those signed up), cancelling with a notice
 * (and an optional message) to everyone signed up or waiting, and a CSV export of the sign-ups.
 * All changes go through src/domain/gatherings, so people are told exactly as for gatherings.
 */
import type { Request, Response } from 'express';
import { DateTime } from 'luxon';
import type { Lang } from '../../core/types.js';
import { programById } from '../../domain/assistance/programs.js';
import { MAX_CANCEL_NOTE_CHARS, cancelOccurrence, moveOccurrence } from '../../domain/gatherings/notices.js';
import { createSession, editSession, getSession, placesLeft, signUpsOf, upcomingSessions, waitlistCount } from '../../domain/gatherings/sessions.js';
import { gatheringSettings } from '../../domain/gatherings/settings.js';
import { type Occurrence, counts, hasEnded, recentlyEnded } from '../../domain/gatherings/store.js';
import { titleIn } from '../../domain/gatherings/time.js';
import { dashboardActor } from '../../domain/officers/actors.js';
import { toCsv } from '../kit/dashboard/csv.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';
import { type Html, html } from '../kit/html.js';
import { EMPTY_SESSION_FORM, type SessionFormValues, checkSessionForm, readSessionForm, sessionFields, sessionPrograms } from './sessionForm.js';

/** Upcoming sessions listed per programme. */
export const SESSIONS_PER_PROGRAM = 20;
/** Sessions that ended within this many days are listed with their sign-ups. */
export const ENDED_DAYS = 60;
const ENDED_LIMIT = 20;

const DONE = new Set(['created', 'edited', 'cancelled', 'gone']);

function programTitle(kit: DashboardKit, program: string | null): string {
  const p = programById(program);
  return p ? kit.t(`${p.texts}.title`) : (program ?? '');
}

function whereCell(kit: DashboardKit, o: Occurrence): Html {
  return html`${o.place ?? ''}${o.place && o.link ? html`<br>` : ''}${o.link ? html`<a href="${o.link}" rel="noopener noreferrer" class="muted">${kit.t('dashboard.sessions.online')}</a>` : ''}`;
}

function sessionRow(kit: DashboardKit, o: Occurrence): Html {
  const { db } = kit.services;
  const lang = kit.lang as Lang;
  const yes = counts(db, o.id).yes;
  const waiting = waitlistCount(db, o.id);
  return html`<tr data-session="${o.id}">
<td>${kit.formatTime(o.startsAt)}<br><span class="muted">${kit.t('dashboard.gatherings.minutes', { n: o.durationMin })}</span></td>
<td><a href="/dashboard/sessions/${o.id}">${titleIn(o.title, lang)}</a></td>
<td>${whereCell(kit, o)}</td>
<td class="signups">${kit.t('dashboard.sessions.signedUpOf', { n: yes, quota: o.capacity ?? '-' })}${waiting ? html`<br><span class="muted">${kit.t('dashboard.sessions.waitingN', { n: waiting })}</span>` : ''}</td>
</tr>`;
}

function listPage(kit: DashboardKit, res: Response, values: SessionFormValues, errors: string[], done: string | null): Html {
  const { db, clock } = kit.services;
  const t = kit.t;
  const now = clock.now();
  const head = html`<thead><tr><th>${t('dashboard.sessions.when')}</th><th>${t('dashboard.sessions.titleCol')}</th><th>${t('dashboard.sessions.where')}</th><th>${t(
    'dashboard.sessions.signUps',
  )}</th></tr></thead>`;
  const sections = sessionPrograms().map((p) => {
    const list = upcomingSessions(db, p.id, now, SESSIONS_PER_PROGRAM);
    const ended = recentlyEnded(db, now, now - ENDED_DAYS * 86400_000, ENDED_LIMIT, p.id);
    return html`<section class="program-sessions" data-program="${p.id}"><h2>${t(`${p.texts}.title`)}</h2>
${list.length ? html`<div class="table-wrap"><table class="table sessions">${head}<tbody>${list.map((o) => sessionRow(kit, o))}</tbody></table></div>` : html`<p class="notice">${t('dashboard.sessions.none')}</p>`}
${ended.length ? html`<details><summary>${t('dashboard.sessions.ended', { days: ENDED_DAYS })}</summary><table class="table">${head}<tbody>${ended.map((o) => sessionRow(kit, o))}</tbody></table></details>` : ''}
</section>`;
  });
  return html`${done ? html`<p class="flash" role="status">${t(`dashboard.sessions.done.${done}`)}</p>` : ''}
<p class="hint">${t('dashboard.sessions.hint')}</p>
${sections}
<form method="post" action="/dashboard/sessions/create" class="card form-grid" id="create">${kit.csrfField(res)}
  <h2>${t('dashboard.sessions.createTitle')}</h2>
  ${sessionFields(kit, values, errors, true)}
  <button type="submit">${t('dashboard.sessions.create')}</button>
</form>`;
}

function formOf(o: Occurrence, zone: string): SessionFormValues {
  return {
    program: o.program ?? '',
    title_id: o.title.id ?? '',
    title_en: o.title.en ?? '',
    title_jv: o.title.jv ?? '',
    start: DateTime.fromMillis(o.startsAt, { zone }).toFormat("yyyy-LL-dd'T'HH:mm"),
    duration: String(o.durationMin),
    place: o.place ?? '',
    link: o.link,
    quota: String(o.capacity ?? ''),
  };
}

function sessionPage(kit: DashboardKit, res: Response, o: Occurrence, values: SessionFormValues, errors: string[], done: string | null): Html {
  const { db, clock, config } = kit.services;
  const t = kit.t;
  const lang = kit.lang as Lang;
  const now = clock.now();
  const rows = signUpsOf(db, o.id);
  const left = placesLeft(db, o);
  const changeable = o.state === 'scheduled' && !hasEnded(o, now) && o.startsAt > now;
  const table = rows.length
    ? html`<div class="table-wrap"><table class="table signups"><thead><tr><th>${t('dashboard.sessions.name')}</th><th>${t('dashboard.sessions.status')}</th><th>${t(
        'dashboard.sessions.channel',
      )}</th><th>${t('dashboard.sessions.language')}</th><th>${t('dashboard.sessions.at')}</th></tr></thead><tbody>${rows.map(
        (r) => html`<tr><td>${r.name ?? '—'}</td><td>${r.status === 'signedUp' ? t('dashboard.sessions.signedUpStatus') : t('dashboard.sessions.waitingStatus', { n: r.position ?? 0 })}</td>
<td>${r.channel}</td><td>${r.language ?? '—'}</td><td>${kit.formatTime(r.at)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="muted">${t('dashboard.sessions.noSignUps')}</p>`;
  const manage = changeable
    ? html`<div class="two-col">
<form method="post" action="/dashboard/sessions/${o.id}/edit" class="card form-grid" id="edit">${kit.csrfField(res)}
  <h2>${t('dashboard.sessions.editTitle')}</h2>
  ${sessionFields(kit, values, errors, false)}
  <button type="submit">${t('dashboard.sessions.save')}</button>
</form>
<form method="post" action="/dashboard/sessions/${o.id}/cancel" class="card form-grid" data-confirm="${t('dashboard.sessions.confirmCancel')}">${kit.csrfField(res)}
  <h2>${t('dashboard.sessions.cancelTitle')}</h2>
  <p class="hint">${t('dashboard.sessions.cancelHint')}</p>
  <label>${t('dashboard.sessions.cancelNote')} <span class="muted">${t('dashboard.optional')}</span><textarea name="note" maxlength="${MAX_CANCEL_NOTE_CHARS}"></textarea></label>
  <button type="submit" class="danger">${t('dashboard.sessions.cancel')}</button>
</form></div>`
    : html`<p class="notice">${t(o.state === 'cancelled' ? 'dashboard.sessions.isCancelled' : 'dashboard.sessions.isOver')}</p>`;
  return html`${done ? html`<p class="flash" role="status">${t(`dashboard.sessions.done.${done}`)}</p>` : ''}
<p><a href="/dashboard/sessions">${t('dashboard.sessions.back')}</a></p>
<section class="card"><h2>${titleIn(o.title, lang)}</h2>
<p>${programTitle(kit, o.program)} · ${kit.formatTime(o.startsAt)} (${config.HOME_TIMEZONE}) · ${whereCell(kit, o)}</p>
<p class="signups">${t('dashboard.sessions.signedUpOf', { n: counts(db, o.id).yes, quota: o.capacity ?? '-' })} · ${t('dashboard.sessions.placesLeft', { n: left ?? '-' })} · ${t(
    'dashboard.sessions.waitingN',
    { n: waitlistCount(db, o.id) },
  )}</p>
<p><a class="button secondary" href="/dashboard/sessions/${o.id}/signups.csv">${t('dashboard.sessions.export')}</a></p>
${table}</section>
${manage}`;
}

export const sessionsPage: DashboardPage = {
  path: '/sessions',
  titleKey: 'dashboard.nav.sessions',
  nav: 31,
  mount(r, kit) {
    const { db, config, clock, notifier } = kit.services;
    const title = () => kit.t('dashboard.nav.sessions');
    const doneOf = (req: Request) => (typeof req.query.done === 'string' && DONE.has(req.query.done) ? req.query.done : null);
    const find = (req: Request) => getSession(db, Number(req.params.id));

    r.get('/', (req, res) => kit.render(res, { title: title(), body: listPage(kit, res, EMPTY_SESSION_FORM, [], doneOf(req)) }));

    r.post('/create', (req, res) => {
      const v = readSessionForm(req.body ?? {});
      const now = clock.now();
      const c = checkSessionForm(v, config.HOME_TIMEZONE, now, true);
      if (c.errors.length || !c.start) return void kit.render(res, { status: 400, title: title(), body: listPage(kit, res, v, c.errors, null) });
      const start = c.start;
      const occ = db.transaction(() => {
        const id = createSession(
          db,
          {
            program: v.program,
            title: c.title,
            startLocal: start.toFormat("yyyy-LL-dd'T'HH:mm"),
            timezone: config.HOME_TIMEZONE,
            durationMin: c.duration,
            place: c.place,
            link: c.link,
            quota: c.quota,
            createdBy: dashboardActor(kit.officer(res).id),
          },
          now,
        );
        kit.audit(res, 'session_created', `occurrence:${id}`, v.program);
        return id;
      })();
      res.redirect(303, `/dashboard/sessions/${occ}?done=created`);
    });

    r.get('/:id', (req, res) => {
      const o = find(req);
      if (!o) return void kit.render(res, { status: 404, title: title(), body: html`<p class="error">${kit.t('dashboard.sessions.done.gone')}</p>` });
      kit.audit(res, 'session_viewed', `occurrence:${o.id}`);
      kit.render(res, { title: titleIn(o.title, kit.lang as Lang), body: sessionPage(kit, res, o, formOf(o, config.HOME_TIMEZONE), [], doneOf(req)) });
    });

    r.post('/:id/edit', (req, res) => {
      const o = find(req);
      const now = clock.now();
      if (!o) return void res.redirect(303, '/dashboard/sessions?done=gone');
      const v = readSessionForm(req.body ?? {});
      const c = checkSessionForm(v, config.HOME_TIMEZONE, now, false);
      const show = (errors: string[]) => void kit.render(res, { status: 400, title: title(), body: sessionPage(kit, res, o, v, errors, null) });
      if (c.errors.length || !c.start) return show(c.errors);
      const start = c.start.toMillis();
      const s = gatheringSettings(config);
      const outcome = notifier.transaction((out) => {
        const notify = out.toContact;
        const edited = editSession(db, o.id, { title: c.title, place: c.place, link: c.link, durationMin: c.duration, quota: c.quota }, now, notify, s);
        if (edited.outcome === 'ok' && start !== o.startsAt) moveOccurrence(db, o.id, start, now, notify, s);
        if (edited.outcome === 'ok') kit.audit(res, 'session_edited', `occurrence:${o.id}`, `promoted=${edited.promoted}`);
        return edited.outcome;
      }, now);
      if (outcome === 'belowSignUps') return show(['quotaBelow']);
      res.redirect(303, `/dashboard/sessions/${o.id}?done=${outcome === 'ok' ? 'edited' : 'gone'}`);
    });

    r.post('/:id/cancel', (req, res) => {
      const o = find(req);
      const now = clock.now();
      if (!o) return void res.redirect(303, '/dashboard/sessions?done=gone');
      const note = typeof req.body?.note === 'string' ? req.body.note : '';
      const told = notifier.transaction((out) => cancelOccurrence(db, o.id, now, out.toContact, gatheringSettings(config), note), now);
      if (told < 0) return void res.redirect(303, `/dashboard/sessions/${o.id}?done=gone`);
      kit.audit(res, 'session_cancelled', `occurrence:${o.id}`, `told=${told}`);
      res.redirect(303, `/dashboard/sessions/${o.id}?done=cancelled`);
    });

    r.get('/:id/signups.csv', (req, res) => {
      const o = find(req);
      if (!o) return void res.status(404).type('text/plain').send('no such session');
      kit.audit(res, 'session_export', `occurrence:${o.id}`);
      const when = DateTime.fromMillis(o.startsAt, { zone: config.HOME_TIMEZONE }).toFormat("yyyy-LL-dd'T'HH:mm");
      const rows = signUpsOf(db, o.id).map((s) => [
        o.program,
        titleIn(o.title, 'id'),
        when,
        o.place ?? '',
        s.name ?? '',
        s.status,
        s.position,
        s.channel,
        s.chatId,
        s.language,
        DateTime.fromMillis(s.at, { zone: config.HOME_TIMEZONE }).toFormat("yyyy-LL-dd'T'HH:mm"),
      ]);
      res.type('text/csv').attachment(`session-${o.id}-signups.csv`);
      res.send(toCsv(['programme', 'session', 'starts_home_time', 'place', 'name', 'status', 'waitlist_position', 'channel', 'chat_id', 'language', 'at_home_time'], rows));
    });
  },
};
