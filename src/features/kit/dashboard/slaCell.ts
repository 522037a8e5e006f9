/** Service levels in the inbox: a row's time left or overdue, and the SLA-state filter field. */
import { type SlaCase, type SlaState, SLA_STATES, slaCaseOf, slaOf, slaTargets } from '../../../domain/cases/serviceLevels.js';
import { satisfactionOfCase } from '../../../domain/cases/satisfaction.js';
import type { DB } from '../../../store/db.js';
import { type Html, html } from '../html.js';
import type { DashboardKit } from './page.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** Up to this long a duration is shown in hours, beyond it in days. */
const HOURS_UP_TO = 48 * HOUR;

/** A duration as officers read it: "45 min", "5 h", "3 d" (rounded up, so "due in 0 min" never shows). */
export function formatDuration(t: DashboardKit['t'], ms: number): string {
  const abs = Math.abs(ms);
  if (abs < HOUR) return t('sla.unit.min', { n: Math.max(1, Math.ceil(abs / MINUTE)) });
  if (abs < HOURS_UP_TO) return t('sla.unit.h', { n: Math.ceil(abs / HOUR) });
  return t('sla.unit.d', { n: Math.ceil(abs / (24 * HOUR)) });
}

/** The inbox cell: time left (due soon marked) or overdue for open cases, met or breached for finished ones. */
export function slaCell(kit: DashboardKit, c: SlaCase): Html {
  const v = slaOf(c, slaTargets(kit.services.config), kit.services.clock.now());
  const what = kit.t(`sla.target.${v.target}`);
  const title = `${what}: ${kit.formatTime(v.dueAt)}`;
  const text =
    v.leftMs === null ? kit.t(`sla.state.${v.state}`) : v.leftMs < 0 ? kit.t('sla.overdueBy', { time: formatDuration(kit.t, v.leftMs) }) : kit.t('sla.left', { time: formatDuration(kit.t, v.leftMs) });
  return html`<td class="sla"><span class="sla-state sla-${v.state}" title="${title}" data-sla="${v.state}">${text}</span><br><span class="hint">${what}</span></td>`;
}

/** The inbox filter's SLA-state menu (`?sla=`). */
export function slaFilterField(kit: DashboardKit, chosen: SlaState | null): Html {
  return html`<label>${kit.t('sla.filter')}<select name="sla">
    <option value="">${kit.t('dashboard.cases.any')}</option>
    ${SLA_STATES.map((s) => html`<option value="${s}"${chosen === s ? html` selected` : ''}>${kit.t(`sla.state.${s}`)}</option>`)}
  </select></label>`;
}

/** The case page's line: the service-level state and, once given, the reporter's rating. */
export function caseServiceLine(kit: DashboardKit, db: DB, caseId: number): Html {
  const c = slaCaseOf(db, caseId);
  if (!c) return html``;
  const v = slaOf(c, slaTargets(kit.services.config), kit.services.clock.now());
  const text = v.leftMs === null ? kit.t(`sla.state.${v.state}`) : v.leftMs < 0 ? kit.t('sla.overdueBy', { time: formatDuration(kit.t, v.leftMs) }) : kit.t('sla.left', { time: formatDuration(kit.t, v.leftMs) });
  const rating = satisfactionOfCase(db, caseId);
  return html`<span class="sla-state sla-${v.state}" data-sla="${v.state}" title="${kit.t(`sla.target.${v.target}`)}: ${kit.formatTime(v.dueAt)}">${kit.t(`sla.target.${v.target}`)}: ${text}</span>${
    rating ? html` <span class="badge" data-rating="${rating.score}">${kit.t('sla.sat.score', { n: rating.score })}</span>` : ''
  }`;
}
