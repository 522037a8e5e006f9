/**
 * Emergency contacts as shipped (data/contacts.json) with their source and check date; an admin
 * confirms an entry after calling or checking it (who and when are stored and audited), and only
 * then do people stop seeing the "not yet verified" note for that entry.
 */
import type { Response } from 'express';
import { hotlineVerifications, markHotlineVerified, unmarkHotlineVerified } from '../../domain/hotlineVerification.js';
import { type Hotline, allHotlines, countryByCode } from '../../domain/reference.js';
import { getInstitutions } from '../../domain/institutions.js';
import { type Html, html } from '../kit/html.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';

function numbersOf(h: Hotline): Html[] {
  return [
    ...h.numbers.map((n) => html`<li><span class="kind">${n.kind}</span> <a href="tel:${n.value.replace(/[ -]/g, '')}">${n.value}</a></li>`),
    ...(h.shortCodes ?? []).map((c) => html`<li><span class="kind">${c.kind}</span> ${c.value} <span class="muted">(${c.dialFrom})</span></li>`),
  ];
}

function table(kit: DashboardKit, res: Response): Html {
  const t = kit.t;
  const isAdmin = kit.officer(res).role === 'admin';
  const checks = hotlineVerifications(kit.services.db);
  const rows = allHotlines().map((h) => {
    const v = checks.get(h.id);
    const where = h.countries.includes('*') ? t('dashboard.hotlines.everywhere') : h.countries.map((c) => countryByCode(c)?.name[kit.lang] ?? c).join(', ');
    const state = !v
      ? html`<span class="state state-warn">${t('dashboard.hotlines.unverified')}</span>`
      : v.current
        ? html`<span class="state state-ok">${t('dashboard.hotlines.verifiedBy', { who: v.verifiedByName, when: kit.formatTime(v.verifiedAt) })}</span>`
        : html`<span class="state state-warn">${t('dashboard.hotlines.changed', { who: v.verifiedByName, when: kit.formatTime(v.verifiedAt) })}</span>`;
    const action = !isAdmin
      ? ''
      : v?.current
        ? html`<form method="post" action="/dashboard/hotlines/${h.id}/unverify">${kit.csrfField(res)}<button type="submit" class="secondary">${t('dashboard.hotlines.unverify')}</button></form>`
        : html`<form method="post" action="/dashboard/hotlines/${h.id}/verify">${kit.csrfField(res)}<button type="submit">${t('dashboard.hotlines.verify')}</button></form>`;
    return html`<tr data-hotline="${h.id}"><td>${h.name}</td><td>${where}</td><td><ul class="plain">${numbersOf(h)}</ul></td><td>${h.source}<br><span class="muted">${t('dashboard.hotlines.checked', { date: h.checked })}</span></td><td>${state}${action}</td></tr>`;
  });
  return html`<section class="card"><p class="hint">${t('dashboard.hotlines.hint')}</p>
<table class="table hotlines"><thead><tr><th>${t('dashboard.hotlines.name')}</th><th>${t('dashboard.hotlines.where')}</th><th>${t('dashboard.hotlines.numbers')}</th><th>${t('dashboard.hotlines.source')}</th><th>${t('dashboard.hotlines.state')}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

/** The institutions the helpline names and refers to, with their old names and sources. */
function institutionsCard(kit: DashboardKit): Html {
  const t = kit.t;
  const rows = getInstitutions().map(
    (i) => html`<tr data-institution="${i.id}"><td><strong>${i.display[kit.lang]}</strong><br>${i.fullName}</td><td>${i.formerly.join(', ')}</td><td>${i.source}<br><span class="muted">${t('dashboard.hotlines.checked', { date: i.checked })}</span></td></tr>`,
  );
  return html`<section class="card"><h2>${t('dashboard.hotlines.institutions')}</h2>
<table class="table institutions"><thead><tr><th>${t('dashboard.hotlines.name')}</th><th>${t('dashboard.hotlines.formerly')}</th><th>${t('dashboard.hotlines.source')}</th></tr></thead><tbody>${rows}</tbody></table></section>`;
}

export const hotlinesPage: DashboardPage = {
  path: '/hotlines',
  titleKey: 'dashboard.nav.hotlines',
  nav: 55,
  mount(r, kit) {
    const title = () => kit.t('dashboard.nav.hotlines');
    r.get('/', (_req, res) => kit.render(res, { title: title(), body: html`${table(kit, res)}${institutionsCard(kit)}` }));
    r.post('/:id/:op', (req, res) => {
      const officer = kit.officer(res);
      const { id, op } = req.params as { id: string; op: string };
      if (officer.role !== 'admin') {
        kit.audit(res, 'hotline_verify_refused', id);
        kit.render(res, { title: title(), status: 403, body: html`<p class="error">${kit.t('dashboard.hotlines.adminOnly')}</p>` });
        return;
      }
      const now = kit.services.clock.now();
      const done = op === 'verify' ? markHotlineVerified(kit.services.db, id, officer, now) : op === 'unverify' ? unmarkHotlineVerified(kit.services.db, id) : false;
      if (!done) {
        kit.render(res, { title: title(), status: 404, body: html`<p class="error">${kit.t('dashboard.hotlines.unknown')}</p>` });
        return;
      }
      kit.audit(res, op === 'verify' ? 'hotline_verified' : 'hotline_unverified', id);
      res.redirect(303, '/dashboard/hotlines');
    });
  },
};
