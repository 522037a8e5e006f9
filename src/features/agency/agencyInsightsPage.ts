/**
 * Officers' view of single agencies: the register ranked by reports of the last 90 days, one
 * agency's linked reports (by category, country and month), matched lookups, licence history and
 * workers' reviews with moderation (approve, or hide with a reason; both audited).
 */
import type { Response } from 'express';
import { RECENT_DAYS, agencyInsights } from '../../domain/agencies/insights.js';
import { normalizeName } from '../../domain/agencies/normalize.js';
import { agenciesByReports, agencyIdByLicense, searchAgencies } from '../../domain/agencies/ranking.js';
import { agencyById, effectiveStatus } from '../../domain/agencies/register.js';
import { MAX_REVIEW_COMMENT, moderateReview, reviewById, reviewsIn } from '../../domain/agencies/reviews.js';
import { type Html, html } from '../kit/html.js';
import { barChart } from '../kit/dashboard/charts.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';
import { categoryLabel, countryName } from '../kit/dashboard/labels.js';
import { homeDay } from '../../core/clock.js';

/** Rows in the ranking and in a name search. */
const RANKED_SHOWN = 50;

function statusWord(kit: DashboardKit, status: string): string {
  return kit.t(`agency.kind.${status === 'active' ? 'licensed' : status}`);
}

function rankingView(kit: DashboardKit, res: Response, q: string): Html {
  const t = kit.t;
  const { db, clock, config } = kit.services;
  const today = homeDay(clock.now(), config.HOME_TIMEZONE);
  const ranked = agenciesByReports(db, clock.now() - RECENT_DAYS * 86_400_000, RANKED_SHOWN);
  const found = q ? searchAgencies(db, normalizeName(q), RANKED_SHOWN) : [];
  const link = (id: number, name: string) => html`<a href="/dashboard/agency-insights/${id}">${name}</a>`;
  return html`<section class="card"><h2>${t('dashboard.agencyInsights.searchTitle')}</h2>
<form method="get" action="/dashboard/agency-insights" class="filters"><label>${t('dashboard.agencyInsights.search')}<input name="q" value="${q}"></label><button type="submit">${t('dashboard.agencyInsights.searchButton')}</button></form>
${q ? html`<ul class="plain">${found.map((a) => html`<li>${link(a.id, a.name)} (${a.license}) · ${statusWord(kit, effectiveStatus(a, today))}</li>`)}</ul>${found.length ? '' : html`<p class="muted">${t('dashboard.agencyInsights.noMatch')}</p>`}` : ''}
</section>
<section class="card"><h2>${t('dashboard.agencyInsights.rankTitle', { days: RECENT_DAYS })}</h2>
${
  ranked.length
    ? html`<table class="table ranking"><thead><tr><th>${t('dashboard.agencyInsights.agency')}</th><th>${t('dashboard.agencyInsights.status')}</th><th>${t('dashboard.agencyInsights.reports', { days: RECENT_DAYS })}</th></tr></thead><tbody>${ranked.map(
        (r) => html`<tr><td>${link(r.agency.id, r.agency.name)}</td><td>${statusWord(kit, effectiveStatus(r.agency, today))}</td><td>${r.reports}</td></tr>`,
      )}</tbody></table>`
    : html`<p class="muted">${t('dashboard.agencyInsights.noReports')}</p>`
}</section>${moderationQueue(kit, res)}`;
}

function reviewRow(kit: DashboardKit, res: Response, r: ReturnType<typeof reviewsIn>[number], back: string): Html {
  const t = kit.t;
  const yes = (v: boolean) => (v ? t('dashboard.yes') : t('dashboard.no'));
  return html`<tr id="review-${r.id}"><td>${kit.formatTime(r.createdAt)}</td><td>${r.agencyName}</td>
<td>${yes(r.extraFees)} / ${yes(r.passportKept)} / ${yes(r.contractHonoured)} / ${yes(r.wouldRecommend)}</td><td>${r.comment ?? '–'}</td>
<td><form method="post" action="/dashboard/agency-insights/reviews/${r.id}">${kit.csrfField(res)}<input type="hidden" name="back" value="${back}">
<button name="decision" value="approve">${t('dashboard.agencyInsights.approve')}</button>
<label>${t('dashboard.agencyInsights.hideReason')}<input name="reason" maxlength="${MAX_REVIEW_COMMENT}"></label>
<button name="decision" value="hide">${t('dashboard.agencyInsights.hide')}</button></form></td></tr>`;
}

function moderationQueue(kit: DashboardKit, res: Response, licenseNorm?: string): Html {
  const t = kit.t;
  const pending = reviewsIn(kit.services.db, 'pending', licenseNorm);
  return html`<section class="card reviews"><h2>${t('dashboard.agencyInsights.pendingTitle', { n: pending.length })}</h2>
${
  pending.length
    ? html`<table class="table"><thead><tr><th>${t('dashboard.agencyInsights.when')}</th><th>${t('dashboard.agencyInsights.agency')}</th><th>${t('dashboard.agencyInsights.answers')}</th><th>${t('dashboard.agencyInsights.comment')}</th><th></th></tr></thead><tbody>${pending.map((r) =>
        reviewRow(kit, res, r, licenseNorm ? 'agency' : 'list'),
      )}</tbody></table>`
    : html`<p class="muted">${t('dashboard.agencyInsights.noPending')}</p>`
}</section>`;
}

function agencyView(kit: DashboardKit, res: Response, id: number): Html | null {
  const t = kit.t;
  const { db, clock, config } = kit.services;
  const agency = agencyById(db, id);
  if (!agency) return null;
  const today = homeDay(clock.now(), config.HOME_TIMEZONE);
  const x = agencyInsights(db, agency, clock.now(), today);
  const min = config.AGENCY_REVIEWS_MIN;
  return html`<section class="card"><h2>${agency.name}</h2>
<dl class="fields"><dt>${t('dashboard.agencyInsights.license')}</dt><dd>${agency.license}</dd>
<dt>${t('dashboard.agencyInsights.status')}</dt><dd class="status">${statusWord(kit, effectiveStatus(agency, today))}</dd>
<dt>${t('dashboard.agencyInsights.reportsAll')}</dt><dd class="reports-total">${x.reports.total}</dd>
<dt>${t('dashboard.agencyInsights.reports', { days: RECENT_DAYS })}</dt><dd>${x.reports.recent}</dd>
<dt>${t('dashboard.agencyInsights.lookups')}</dt><dd class="lookups">${x.lookups.total} (${t('dashboard.agencyInsights.recent', { days: RECENT_DAYS, n: x.lookups.recent })})</dd>
<dt>${t('dashboard.agencyInsights.reviews')}</dt><dd class="reviews-count">${t('dashboard.agencyInsights.reviewCounts', { approved: x.reviews.total, pending: x.reviews.pending, min })}</dd></dl></section>
<div class="two-col">
<section class="card">${barChart(x.reports.byCategory.map((c) => ({ label: categoryLabel(t, 'complaint', c.key), value: c.n })), { title: t('dashboard.agencyInsights.byCategory'), emptyText: t('dashboard.agencyInsights.noReports') })}</section>
<section class="card">${barChart(x.reports.byCountry.map((c) => ({ label: countryName(c.key === 'OTHER' ? null : c.key, c.key === 'OTHER' ? '?' : null, kit.lang), value: c.n })), { title: t('dashboard.agencyInsights.byCountry'), emptyText: t('dashboard.agencyInsights.noReports') })}</section>
</div>
<section class="card">${barChart(x.reports.byMonth.map((c) => ({ label: c.key, value: c.n })), { title: t('dashboard.agencyInsights.byMonth'), emptyText: t('dashboard.agencyInsights.noReports') })}</section>
<section class="card"><h2>${t('dashboard.agencyInsights.historyTitle')}</h2><table class="table history"><thead><tr><th>${t('dashboard.agencyInsights.when')}</th><th>${t('dashboard.agencyInsights.status')}</th><th>${t('dashboard.agencyInsights.validUntil')}</th><th>${t('dashboard.agencyInsights.source')}</th></tr></thead><tbody>${x.history.map(
    (h) => html`<tr><td>${kit.formatTime(h.recordedAt)}</td><td>${statusWord(kit, h.status)}</td><td>${h.validUntil ?? '–'}</td><td>${h.source}</td></tr>`,
  )}</tbody></table></section>
${x.reviews.total >= min ? html`<section class="card"><p class="public-summary">${t('agency.review.summary', { ...x.reviews })}</p></section>` : ''}
${moderationQueue(kit, res, agency.licenseNorm)}`;
}

export const agencyInsightsPage: DashboardPage = {
  path: '/agency-insights',
  titleKey: 'dashboard.nav.agencyInsights',
  nav: 55,
  mount(r, kit) {
    const title = () => kit.t('dashboard.nav.agencyInsights');
    r.get('/', (req, res) => {
      kit.render(res, { title: title(), body: rankingView(kit, res, typeof req.query.q === 'string' ? req.query.q.slice(0, 120) : '') });
    });
    r.get('/:id', (req, res) => {
      const body = agencyView(kit, res, Number(req.params.id));
      if (!body) return void kit.render(res, { status: 404, title: kit.t('dashboard.notFoundTitle'), body: html`<p class="notice">${kit.t('dashboard.agencyInsights.notFound')}</p>` });
      kit.render(res, { title: title(), body });
    });
    r.post('/reviews/:id', (req, res) => {
      const review = reviewById(kit.services.db, Number(req.params.id));
      const decision = req.body?.decision === 'approve' ? 'approved' : req.body?.decision === 'hide' ? 'hidden' : null;
      const reason = typeof req.body?.reason === 'string' ? req.body.reason.trim().slice(0, MAX_REVIEW_COMMENT) : '';
      if (!review || !decision || (decision === 'hidden' && !reason)) {
        return void kit.render(res, { status: 400, title: title(), body: html`<p class="error" role="alert">${kit.t('dashboard.agencyInsights.needReason')}</p>` });
      }
      moderateReview(kit.services.db, review.id, decision, `dashboard:${kit.officer(res).id}`, decision === 'hidden' ? reason : null, kit.services.clock.now());
      kit.audit(res, decision === 'approved' ? 'agency_review_approved' : 'agency_review_hidden', `review:${review.id}`, decision === 'hidden' ? reason : undefined);
      const agency = agencyIdByLicense(kit.services.db, review.licenseNorm);
      res.redirect(303, req.body?.back === 'agency' && agency ? `/dashboard/agency-insights/${agency}` : '/dashboard/agency-insights');
    });
  },
};
