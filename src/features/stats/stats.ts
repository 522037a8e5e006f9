/**
 * Monthly statistics in the national agency's complaint categories: `GET /api/stats/monthly?month=YYYY-MM`
 * (JSON) and the dashboard's Statistics page with the same table as CSV.
 */
import type { Response } from 'express';
import { DateTime } from 'luxon';
import { MONTH_PATTERN, monthlyStats } from '../../domain/cases/categoryStats.js';
import { toCsv } from '../kit/dashboard/csv.js';
import { html } from '../kit/html.js';
import type { DashboardPage } from '../kit/dashboard/page.js';
import type { Feature } from '../feature.js';

/** The month to show: the query's, else the current month in the home time zone. */
function monthOf(query: unknown, now: number, zone: string): string | null {
  if (query === undefined || query === '') return DateTime.fromMillis(now, { zone }).toFormat('yyyy-LL');
  return typeof query === 'string' && MONTH_PATTERN.test(query) ? query : null;
}

const statsPage: DashboardPage = {
  path: '/stats',
  titleKey: 'dashboard.nav.stats',
  nav: 45,
  mount(r, kit) {
    const { db, clock, config } = kit.services;
    const bad = (res: Response) => kit.render(res, { title: kit.t('dashboard.nav.stats'), status: 400, body: html`<p class="error">${kit.t('dashboard.stats.badMonth')}</p>` });
    r.get('/', (req, res) => {
      const month = monthOf(req.query.month, clock.now(), config.HOME_TIMEZONE);
      if (!month) return bad(res);
      const s = monthlyStats(db, month, config.HOME_TIMEZONE);
      const t = kit.t;
      kit.render(res, {
        title: t('dashboard.nav.stats'),
        body: html`<section class="card"><form method="get" class="filters"><label>${t('dashboard.stats.month')}<input type="month" name="month" value="${month}"></label><button type="submit">${t('dashboard.stats.show')}</button>
<a class="button secondary" href="/dashboard/stats/monthly.csv?month=${month}">${t('dashboard.stats.csv')}</a></form>
<p class="hint">${t('dashboard.stats.hint')}</p>
<table class="table stats"><thead><tr><th>${t('dashboard.stats.category')}</th><th>${t('dashboard.stats.count')}</th></tr></thead><tbody>${s.rows.map(
          (row) => html`<tr data-category="${row.category}"><td>${row.label}</td><td>${row.count}</td></tr>`,
        )}<tr class="total"><th>${t('dashboard.stats.total')}</th><th>${s.total}</th></tr></tbody></table>
<p>${t('dashboard.stats.tips', { n: s.tips })}</p></section>`,
      });
    });
    r.get('/monthly.csv', (req, res) => {
      const month = monthOf(req.query.month, clock.now(), config.HOME_TIMEZONE);
      if (!month) return bad(res);
      const s = monthlyStats(db, month, config.HOME_TIMEZONE);
      kit.audit(res, 'stats_export', month);
      res.type('text/csv').attachment(`complaints-${month}.csv`);
      res.send(toCsv(['month', 'category', 'label', 'count'], s.rows.map((row) => [month, row.category, row.label, row.count])));
    });
  },
};

export const statsFeature: Feature = {
  name: 'stats',
  pages: [statsPage],
  api(api, services) {
    api.get('/stats/monthly', (req, res) => {
      const month = monthOf(req.query.month, services.clock.now(), services.config.HOME_TIMEZONE);
      if (!month) {
        res.status(400).json({ error: 'month must be YYYY-MM, e.g. ?month=2026-11' });
        return;
      }
      res.json(monthlyStats(services.db, month, services.config.HOME_TIMEZONE));
    });
  },
};
