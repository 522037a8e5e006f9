/** The dashboard's service report (`/dashboard/service`) and its CSV (`/dashboard/service/report.csv`). */
import type { Request } from 'express';
import { DateTime } from 'luxon';
import { reportRange, serviceReport } from '../../domain/stats/serviceReport.js';
import { toCsv } from '../kit/dashboard/csv.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';
import { reportCsv, reportView } from './reportView.js';

const day = (v: unknown): string | null => (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v) ? v : null);

/** The report for the range asked (whole weeks in HOME_TIMEZONE), with the dates to show in the form. */
function build(kit: DashboardKit, req: Request) {
  const { db, clock, config } = kit.services;
  const range = reportRange(clock.now(), config.HOME_TIMEZONE, day(req.query.from), day(req.query.to));
  const fromDay = DateTime.fromMillis(range.from, { zone: range.zone }).toFormat('yyyy-MM-dd');
  const toDay = DateTime.fromMillis(range.to, { zone: range.zone }).minus({ days: 1 }).toFormat('yyyy-MM-dd');
  return { report: serviceReport(db, range), fromDay, toDay, query: new URLSearchParams({ from: fromDay, to: toDay }).toString() };
}

export const serviceReportPage: DashboardPage = {
  path: '/service',
  titleKey: 'sla.nav',
  nav: 46,
  mount(r, kit) {
    r.get('/', (req, res) => {
      const b = build(kit, req);
      kit.audit(res, 'service_report_viewed', `${b.fromDay}..${b.toDay}`);
      kit.render(res, { title: kit.t('sla.nav'), body: reportView(kit, b.report, b.fromDay, b.toDay, b.query) });
    });
    r.get('/report.csv', (req, res) => {
      const b = build(kit, req);
      const csv = reportCsv(kit, b.report);
      kit.audit(res, 'service_report_exported', `${b.fromDay}..${b.toDay}`);
      res
        .status(200)
        .set('Content-Type', 'text/csv; charset=utf-8')
        .set('Content-Disposition', `attachment; filename="service-${b.fromDay}-${b.toDay}.csv"`)
        .set('Cache-Control', 'no-store')
        .send(toCsv(csv.header, csv.rows));
    });
  },
};
