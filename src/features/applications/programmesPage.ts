/**
 * The dashboard's Programme applications page: for each programme that takes applications, who can apply and
 * which documents to prepare as shipped (data/eligibility.json, each line with its source or marked
 * a placeholder), whether an admin confirmed it (who, when), and the applications per status with
 * links to the inbox. An admin confirms an entry here; only then do applicants stop seeing the
 * "to be confirmed by the operator" note. An admin may rewrite the texts (one item per line, in
 * every language); they replace the shipped entry until reset, and need a new confirmation. Officers set an application's status from the case page
 * (the form posts to /dashboard/programmes/applications/REF/status).
 */
import type { Response } from 'express';
import { APPLICATION_STATUSES, CASE_STATUS_OF, applicationCounts, changeApplicationStatus, isApplication, isApplicationStatus } from '../../domain/assistance/applications.js';
import {
  ELIGIBILITY_SECTIONS,
  type Eligibility,
  type EligibilityItem,
  type EligibilityTexts,
  MAX_ELIGIBILITY_ITEM_CHARS,
  allEligibility,
  confirmEligibility,
  currentEligibility,
  eligibilityOf,
  eligibilityConfirmations,
  eligibilityTextProblems,
  resetEligibilityTexts,
  saveEligibilityTexts,
  withdrawEligibility,
} from '../../domain/assistance/eligibility.js';
import { LANGUAGES } from '../../core/types.js';
import { programById } from '../../domain/assistance/programs.js';
import { MAX_CASE_TEXT, caseByRef } from '../../domain/cases/cases.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import { dashboardActor } from '../../domain/officers/actors.js';
import { type Html, html } from '../kit/html.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';

const PATH = '/programmes';

function items(kit: DashboardKit, e: Eligibility, list: EligibilityItem[]): Html {
  const origin = (i: EligibilityItem) =>
    i.placeholder
      ? html`<span class="state state-warn">${kit.t('dashboard.programmes.placeholder')}</span>`
      : i.operator && e.editedBy
        ? kit.t('dashboard.programmes.writtenBy', { who: e.editedBy.name, when: kit.formatTime(e.editedBy.at) })
        : kit.t('dashboard.programmes.source', { source: i.source ?? '–' });
  return html`<ul class="plain">${list.map((i) => html`<li>${i.text[kit.lang] ?? i.text.id}<br><span class="muted">${origin(i)}</span></li>`)}</ul>`;
}

/** An admin's form to rewrite the texts: per section and language, one item per line. */
function editForm(kit: DashboardKit, res: Response, e: Eligibility): Html {
  const t = kit.t;
  const field = (section: (typeof ELIGIBILITY_SECTIONS)[number]) =>
    html`<fieldset><legend>${t(`dashboard.programmes.${section}`)}</legend>${LANGUAGES.map(
      (l) =>
        html`<label>${t(`common.langName.${l}`)}<textarea name="${section}_${l}" rows="4">${e[section].map((i) => i.text[l] ?? '').join('\n')}</textarea></label>`,
    )}</fieldset>`;
  return html`<details class="edit-eligibility"><summary>${t('dashboard.programmes.edit')}</summary>
<form method="post" action="/dashboard${PATH}/${e.program}/texts">${kit.csrfField(res)}
<p class="hint">${t('dashboard.programmes.editHint', { max: MAX_ELIGIBILITY_ITEM_CHARS })}</p>
${ELIGIBILITY_SECTIONS.map(field)}
<button type="submit">${t('dashboard.programmes.save')}</button></form>
${e.editedBy ? html`<form method="post" action="/dashboard${PATH}/${e.program}/reset">${kit.csrfField(res)}<button type="submit" class="secondary">${t('dashboard.programmes.reset')}</button></form>` : ''}
</details>`;
}

/** The lines of one textarea: trimmed, empty lines dropped. */
const linesOf = (v: unknown): string[] => (typeof v === 'string' ? v.split(/\r?\n/).map((l) => l.trim()).filter(Boolean) : []);

/** The edit form's texts (fields `who_id`, `who_en`, … `documents_jv`). */
const textsOf = (body: Record<string, unknown> | undefined): EligibilityTexts =>
  Object.fromEntries(ELIGIBILITY_SECTIONS.map((s) => [s, Object.fromEntries(LANGUAGES.map((l) => [l, linesOf(body?.[`${s}_${l}`])]))])) as EligibilityTexts;

function stateOf(kit: DashboardKit, res: Response, e: Eligibility): Html {
  const t = kit.t;
  const v = eligibilityConfirmations(kit.services.db).get(e.program);
  const state = !v
    ? html`<span class="state state-warn">${t('dashboard.programmes.toConfirm')}</span>`
    : v.current
      ? html`<span class="state state-ok">${t('dashboard.programmes.confirmedBy', { who: v.confirmedByName, when: kit.formatTime(v.confirmedAt) })}</span>`
      : html`<span class="state state-warn">${t('dashboard.programmes.changed', { who: v.confirmedByName, when: kit.formatTime(v.confirmedAt) })}</span>`;
  if (kit.officer(res).role !== 'admin') return state;
  const op = v?.current ? 'withdraw' : 'confirm';
  return html`${state} <form method="post" action="/dashboard${PATH}/${e.program}/${op}" class="inline">${kit.csrfField(res)}<button type="submit"${op === 'withdraw' ? html` class="secondary"` : ''}>${t(`dashboard.programmes.${op}`)}</button></form>`;
}

function programmeCard(kit: DashboardKit, res: Response, shipped: Eligibility): Html {
  const t = kit.t;
  const e = currentEligibility(kit.services.db, shipped.program) ?? shipped;
  const p = programById(e.program);
  const title = p ? t(`${p.texts}.title`) : e.program;
  const counts = applicationCounts(kit.services.db).get(e.program);
  const inbox = (status?: string) => `/dashboard/cases?kind=assistance&category=${encodeURIComponent(e.program)}${status ? `&status=${status}` : '&status=all'}`;
  return html`<section class="card" data-programme="${e.program}">
<h2>${title}</h2>
<p>${stateOf(kit, res, e)} <span class="muted">${t('dashboard.programmes.checked', { date: e.checked })}</span></p>
<h3>${t('dashboard.programmes.who')}</h3>${items(kit, e, e.who)}
${e.about.length ? html`<h3>${t('dashboard.programmes.about')}</h3>${items(kit, e, e.about)}` : ''}
<h3>${t('dashboard.programmes.documents')}</h3>${items(kit, e, e.documents)}
${kit.officer(res).role === 'admin' ? editForm(kit, res, e) : ''}
<h3>${t('dashboard.programmes.applications')}</h3>
<ul class="plain counts">${APPLICATION_STATUSES.map(
    (s) => html`<li><a href="${inbox(CASE_STATUS_OF[s])}">${t(`applications.status.${s}`)}</a>: <span class="count" data-status="${s}">${counts?.[s] ?? 0}</span></li>`,
  )}</ul>
<p><a class="button secondary" href="${inbox()}">${t('dashboard.programmes.openInbox')}</a></p>
</section>`;
}

export const programmesPage: DashboardPage = {
  path: PATH,
  titleKey: 'dashboard.nav.programmes',
  nav: 56,
  mount(r, kit) {
    const title = () => kit.t('dashboard.nav.programmes');
    r.get('/', (_req, res) =>
      kit.render(res, { title: title(), body: html`<p class="hint">${kit.t('dashboard.programmes.hint')}</p>${allEligibility().map((e) => programmeCard(kit, res, e))}` }),
    );

    // An officer sets an application's status from the case page; the applicant is told in their language.
    r.post('/applications/:ref/status', (req, res) => {
      const ref = normalizeRef(String(req.params.ref ?? ''));
      const c = ref ? caseByRef(kit.services.db, ref) : undefined;
      if (!c || !isApplication(c)) {
        kit.render(res, { status: 404, title: kit.t('dashboard.notFoundTitle'), body: html`<p class="notice">${kit.t('dashboard.cases.notFound', { ref: String(req.params.ref ?? '') })}</p>` });
        return;
      }
      const status = req.body?.status;
      if (!isApplicationStatus(status)) return void res.redirect(303, `/dashboard/cases/${c.ref}?done=invalid`);
      const note = typeof req.body?.note === 'string' ? req.body.note.trim().slice(0, MAX_CASE_TEXT) : '';
      const { db, clock } = kit.services;
      const label = kit.t('applications.officerNote', { status: kit.t(`applications.status.${status}`) });
      const told = kit.services.notifier.transaction(({ toContact: notify }) => {
        kit.audit(res, 'case_status', c.ref, `application:${status}`);
        return changeApplicationStatus(db, notify, c, dashboardActor(kit.officer(res).id), status, note || null, label, clock.now());
      });
      res.redirect(303, `/dashboard/cases/${c.ref}?done=${told ? 'applicationStatus' : 'applicationStatusQuiet'}`);
    });

    r.post('/:program/:op', (req, res) => {
      const officer = kit.officer(res);
      const { program, op } = req.params as { program: string; op: string };
      if (officer.role !== 'admin') {
        kit.audit(res, 'eligibility_confirm_refused', program);
        kit.render(res, { title: title(), status: 403, body: html`<p class="error">${kit.t('dashboard.programmes.adminOnly')}</p>` });
        return;
      }
      const { db, clock } = kit.services;
      // Nothing to reset is fine; an unknown programme is not.
      const resetTexts = () => resetEligibilityTexts(db, program) || eligibilityOf(program) !== undefined;
      if (op === 'texts') {
        const problems = eligibilityTextProblems(textsOf(req.body));
        if (problems.length) {
          kit.render(res, {
            title: title(),
            status: 400,
            body: html`<p class="error" role="alert">${problems.map((p) => kit.t(`dashboard.programmes.error.${p}`)).join(' ')}</p><p><a href="/dashboard${PATH}">${kit.t('dashboard.nav.programmes')}</a></p>`,
          });
          return;
        }
      }
      const done =
        op === 'confirm'
          ? confirmEligibility(db, program, officer, clock.now())
          : op === 'withdraw'
            ? withdrawEligibility(db, program)
            : op === 'texts'
              ? saveEligibilityTexts(db, program, textsOf(req.body), officer, clock.now())
              : op === 'reset'
                ? resetTexts()
                : false;
      if (!done) {
        kit.render(res, { title: title(), status: 404, body: html`<p class="error">${kit.t('dashboard.programmes.unknown')}</p>` });
        return;
      }
      kit.audit(res, `eligibility_${{ confirm: 'confirmed', withdraw: 'withdrawn', texts: 'edited', reset: 'reset' }[op] ?? op}`, program);
      res.redirect(303, `/dashboard${PATH}`);
    });
  },
};
