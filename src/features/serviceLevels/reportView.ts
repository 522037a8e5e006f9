/** The service report as HTML (charts are server-rendered SVG) and as CSV rows. */
import { DateTime } from 'luxon';
import type { CaseKind } from '../../domain/cases/categories.js';
import type { GroupFigures, ServiceReport } from '../../domain/stats/serviceReport.js';
import { barChart, lineChart } from '../kit/dashboard/charts.js';
import { categoryLabel } from '../kit/dashboard/labels.js';
import type { DashboardKit } from '../kit/dashboard/page.js';
import { type Html, html } from '../kit/html.js';
import { openSlaCounts, slaTargets } from '../../domain/cases/serviceLevels.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
export type ReportDimension = 'week' | 'team' | 'officer' | 'category';

/** One decimal, as people write it. */
const round1 = (n: number) => Math.round(n * 10) / 10;

/** A duration in a table cell: minutes under an hour, else hours with one decimal; "–" for none. */
function duration(kit: DashboardKit, ms: number | null): string {
  if (ms === null) return '–';
  return ms < HOUR ? kit.t('sla.unit.min', { n: Math.round(ms / MINUTE) }) : kit.t('sla.unit.h', { n: round1(ms / HOUR) });
}

/** The label people read for a group of a dimension. */
export function groupLabel(kit: DashboardKit, dim: ReportDimension, g: GroupFigures, zone: string): string {
  if (dim === 'week') return DateTime.fromMillis(Number(g.key), { zone }).toFormat('dd-MM-yyyy');
  if (dim === 'category') {
    const [kind, category] = g.key.split(':') as [CaseKind, string];
    return categoryLabel(kit.t, kind, category);
  }
  if (g.key === 'none') return kit.t(dim === 'team' ? 'sla.report.noTeam' : 'sla.report.nobody');
  if (g.key === 'api') return kit.t('sla.report.api');
  if (g.key.startsWith('officer:')) return kit.t('sla.report.chatOfficer', { id: g.key.slice('officer:'.length) });
  return g.label;
}

function table(kit: DashboardKit, dim: ReportDimension, rows: GroupFigures[], zone: string): Html {
  const t = kit.t;
  if (!rows.length) return html`<p class="notice">${t('sla.report.empty')}</p>`;
  return html`<div class="table-wrap"><table class="table report-table" data-dimension="${dim}"><thead><tr>
<th>${t(`sla.report.dim.${dim}`)}</th><th class="num">${t('sla.report.responded')}</th><th class="num">${t('sla.report.median')}</th><th class="num">${t('sla.report.p90')}</th>
<th class="num">${t('sla.report.resolved')}</th><th class="num">${t('sla.report.median')}</th><th class="num">${t('sla.report.p90')}</th>
<th class="num">${t('sla.report.answers')}</th><th class="num">${t('sla.report.average')}</th></tr></thead>
<tbody>${rows.map(
    (g) => html`<tr data-key="${g.key}"><td>${groupLabel(kit, dim, g, zone)}</td>
<td class="num">${g.firstResponse.count}</td><td class="num" data-fr-median="${g.firstResponse.median ?? ''}">${duration(kit, g.firstResponse.median)}</td><td class="num" data-fr-p90="${g.firstResponse.p90 ?? ''}">${duration(kit, g.firstResponse.p90)}</td>
<td class="num">${g.resolution.count}</td><td class="num" data-res-median="${g.resolution.median ?? ''}">${duration(kit, g.resolution.median)}</td><td class="num" data-res-p90="${g.resolution.p90 ?? ''}">${duration(kit, g.resolution.p90)}</td>
<td class="num">${g.satisfaction.count}</td><td class="num">${g.satisfaction.average === null ? '–' : round1(g.satisfaction.average)}</td></tr>`,
  )}</tbody></table></div>`;
}

/** Median hours per group as bars (groups with no value left out). */
function medianBars(kit: DashboardKit, dim: ReportDimension, rows: GroupFigures[], zone: string, which: 'firstResponse' | 'resolution'): Html {
  const data = rows.filter((g) => g[which].median !== null).map((g) => ({ label: groupLabel(kit, dim, g, zone), value: round1((g[which].median as number) / HOUR) }));
  return barChart(data, { title: kit.t(`sla.report.chart.${which}`, { by: kit.t(`sla.report.dim.${dim}`) }), emptyText: kit.t('sla.report.empty') });
}

/** Open cases right now by service-level state, each a link to the inbox filtered by it. */
function nowLine(kit: DashboardKit): Html {
  const n = openSlaCounts(kit.services.db, kit.services.clock.now(), slaTargets(kit.services.config));
  const link = (state: 'on_time' | 'due_soon' | 'overdue') =>
    html`<a href="/dashboard/cases?sla=${state}" data-open-sla="${state}"><span class="sla-state sla-${state}">${kit.t(`sla.state.${state}`)}: ${n[state]}</span></a>`;
  return html`<p>${kit.t('sla.report.now')} ${link('overdue')} ${link('due_soon')} ${link('on_time')}</p>`;
}

/** The page body. */
export function reportView(kit: DashboardKit, r: ServiceReport, fromDay: string, toDay: string, csvQuery: string): Html {
  const t = kit.t;
  const zone = r.range.zone;
  const weekLine = (which: 'firstResponse' | 'resolution') =>
    lineChart(
      r.weeks.map((g) => ({ label: groupLabel(kit, 'week', g, zone).slice(0, 5), value: g[which].median === null ? 0 : round1((g[which].median as number) / HOUR) })),
      { title: t(`sla.report.chart.${which}Weekly`), emptyText: t('sla.report.empty') },
    );
  const s = r.satisfaction;
  const section = (dim: ReportDimension, rows: GroupFigures[]) => html`<section class="card" id="by-${dim}"><h2>${t(`sla.report.by.${dim}`)}</h2>
<div class="charts">${medianBars(kit, dim, rows, zone, 'firstResponse')}${medianBars(kit, dim, rows, zone, 'resolution')}</div>
${table(kit, dim, rows, zone)}</section>`;
  return html`<section class="card"><form method="get" class="filters">
<label>${t('sla.report.from')}<input type="date" name="from" value="${fromDay}"></label>
<label>${t('sla.report.to')}<input type="date" name="to" value="${toDay}"></label>
<div class="actions"><button type="submit">${t('sla.report.show')}</button> <a class="button secondary" href="/dashboard/service/report.csv?${csvQuery}" download>${t('sla.report.csv')}</a></div></form>
<p class="hint">${t('sla.report.how', {
    fru: Math.round(kit.services.config.SLA_FIRST_RESPONSE_URGENT_MINUTES),
    fr: Math.round(kit.services.config.SLA_FIRST_RESPONSE_MINUTES),
    resu: kit.services.config.SLA_RESOLUTION_URGENT_HOURS,
    res: kit.services.config.SLA_RESOLUTION_HOURS,
  })}</p>
<p class="hint">${t('sla.report.method')}</p>
${nowLine(kit)}
<dl class="figures">
<div><dt>${t('sla.report.firstResponse')}</dt><dd data-figure="first-response">${t('sla.report.summary', { n: r.overall.firstResponse.count, median: duration(kit, r.overall.firstResponse.median), p90: duration(kit, r.overall.firstResponse.p90) })}</dd></div>
<div><dt>${t('sla.report.resolution')}</dt><dd data-figure="resolution">${t('sla.report.summary', { n: r.overall.resolution.count, median: duration(kit, r.overall.resolution.median), p90: duration(kit, r.overall.resolution.p90) })}</dd></div>
</dl>
<div class="charts">${weekLine('firstResponse')}${weekLine('resolution')}</div></section>
${section('week', r.weeks)}
${section('team', r.teams)}
${section('officer', r.officers)}
${section('category', r.categories)}
<section class="card" id="satisfaction"><h2>${t('sla.sat.title')}</h2>
<p data-figure="satisfaction">${t('sla.sat.summary', { answered: s.answered, asked: s.asked, skipped: s.skipped, average: s.average === null ? '–' : round1(s.average) })}</p>
<div class="charts">${barChart(
    s.distribution.map((n, i) => ({ label: t(`satisfaction.score.${i + 1}`), value: n })),
    { title: t('sla.sat.distribution'), emptyText: t('sla.sat.none') },
  )}</div>
${
  s.comments.length
    ? html`<h3>${t('sla.sat.comments')}</h3><ul class="comments">${s.comments.map(
        (c) => html`<li><a href="/dashboard/cases/${c.ref}">${c.ref}</a> · ${kit.formatTime(c.at)} · ${t('sla.sat.score', { n: c.score })}<br>${c.comment}</li>`,
      )}</ul>`
    : ''
}</section>`;
}

/** The CSV: one row per group of each dimension, durations in minutes (first response) and hours (resolution). */
export function reportCsv(kit: DashboardKit, r: ServiceReport): { header: string[]; rows: (string | number)[][] } {
  const zone = r.range.zone;
  const cell = (v: number | null, unit: number) => (v === null ? '' : round1(v / unit));
  const rows: (string | number)[][] = [];
  const add = (dim: ReportDimension | 'all', list: GroupFigures[]) => {
    for (const g of list) {
      rows.push([
        dim,
        dim === 'all' ? '' : dim === 'week' ? DateTime.fromMillis(Number(g.key), { zone }).toFormat('yyyy-MM-dd') : g.key,
        dim === 'all' ? '' : groupLabel(kit, dim, g, zone),
        g.firstResponse.count,
        cell(g.firstResponse.median, MINUTE),
        cell(g.firstResponse.p90, MINUTE),
        g.resolution.count,
        cell(g.resolution.median, HOUR),
        cell(g.resolution.p90, HOUR),
        g.satisfaction.count,
        g.satisfaction.average === null ? '' : round1(g.satisfaction.average),
      ]);
    }
  };
  add('all', [r.overall]);
  add('week', r.weeks);
  add('team', r.teams);
  add('officer', r.officers);
  add('category', r.categories);
  return {
    header: [
      'dimension',
      'group',
      'label',
      'first_responses',
      'first_response_median_minutes',
      'first_response_p90_minutes',
      'resolved',
      'resolution_median_hours',
      'resolution_p90_hours',
      'satisfaction_answers',
      'satisfaction_average',
    ],
    rows,
  };
}
