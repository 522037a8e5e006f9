/** Scam checks: "not official" answers per day (messages circulating that pretend to be us), with masked snippets. */
import { DateTime } from 'luxon';
import { notOfficialPerDay, recentNotOfficial } from '../../domain/broadcasts/verify.js';
import { type Html, html } from '../kit/html.js';
import { barChart } from '../kit/dashboard/charts.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';

/** Days in the chart. */
export const SCAM_DAYS = 30;
/** Snippets listed. */
export const SCAM_SNIPPETS = 30;

/** The page body: the chart and the latest masked snippets. */
export function scamChecksView(kit: DashboardKit): Html {
  const { db, clock, config } = kit.services;
  const t = kit.t;
  const days = notOfficialPerDay(db, clock.now(), config.HOME_TIMEZONE, SCAM_DAYS);
  const total = days.reduce((a, d) => a + d.count, 0);
  const chart = barChart(
    days.filter((d) => d.count > 0).map((d) => ({ label: DateTime.fromISO(d.day).toFormat('d/M'), value: d.count })),
    { title: t('verify.dashboard.chart', { days: SCAM_DAYS, total }), emptyText: t('verify.dashboard.none') },
  );
  const rows = recentNotOfficial(db, SCAM_SNIPPETS).map(
    (s) => html`<tr><td>${kit.formatTime(s.at)}</td><td>${t(`verify.dashboard.kind.${s.kind}`)}</td><td>${s.snippet ?? ''}</td></tr>`,
  );
  const table = rows.length
    ? html`<table class="table"><thead><tr><th>${t('verify.dashboard.when')}</th><th>${t('verify.dashboard.what')}</th><th>${t(
        'verify.dashboard.snippet',
      )}</th></tr></thead><tbody>${rows}</tbody></table>`
    : '';
  return html`<p>${t('verify.dashboard.intro')}</p>${chart}${table}`;
}

export const scamChecksPage: DashboardPage = {
  path: '/scam-checks',
  titleKey: 'verify.dashboard.title',
  nav: 55,
  mount(r, kit) {
    r.get('/', (_req, res) => kit.render(res, { title: kit.t('verify.dashboard.title'), body: scamChecksView(kit) }));
  },
};
