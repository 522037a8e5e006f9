/** The case inbox as HTML: filter form, status tabs with counts, the table, export link. */
import { STATUSES } from '../../../domain/cases/categories.js';
import { resolveApplicationStatus } from '../../../domain/assistance/applications.js';
import { getCountries } from '../../../domain/reference.js';
import { MAX_VILLAGE_CHARS, OUTSIDE_REGION, getDistricts } from '../../../domain/places.js';
import type { DB } from '../../../store/db.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';
import { categoryLabel, countryName } from '../../kit/dashboard/labels.js';
import { type InboxFilter, type InboxRow, countsByStatus, filterChoices, filterParams } from '../../../domain/cases/inbox.js';
import type { Officer } from '../../../domain/officers/accounts.js';
import { type SosAlert, openSosAlerts } from '../../../domain/cases/feed.js';
import { officerRoster } from '../../../domain/officers/workspace.js';
import { listTeams } from '../../../domain/cases/teams.js';
import { slaCell, slaFilterField } from '../../kit/dashboard/slaCell.js';
import { allLabels, labelsOfCases } from '../../../domain/cases/labels.js';
import { labelAgeFields, newLabelForm } from './inboxFilters.js';
import { labelChips } from './labelsView.js';

/** Characters of the story shown in the inbox. */
const SNIPPET_CHARS = 90;

const selected = (on: boolean) => (on ? html` selected` : '');
const checked = (on: boolean) => (on ? html` checked` : '');

function snippet(s: string | null): string {
  if (!s) return '';
  const one = s.replace(/\s+/g, ' ').trim();
  return one.length > SNIPPET_CHARS ? `${one.slice(0, SNIPPET_CHARS - 1)}…` : one;
}

/** A row's status: an application's own words, else the case status. */
function statusLabel(t: DashboardKit['t'], r: InboxRow): string {
  const app = resolveApplicationStatus(r, r.applicationStatus);
  return app ? t(`applications.status.${app}`) : t(`case.status.${r.status}`);
}

/** The inbox page body. */
export function inboxView(kit: DashboardKit, db: DB, officer: Officer, f: InboxFilter, rows: InboxRow[], total: number, csrf?: Html): Html {
  const t = kit.t;
  const labels = allLabels(db);
  const rowLabels = labelsOfCases(db, rows.map((r) => r.id));
  const lang = kit.lang;
  const counts = countsByStatus(db, f, officer);
  const openCount = counts.new + counts.in_progress + counts.waiting + counts.referred;
  const all = STATUSES.reduce((a, s) => a + counts[s], 0);
  const choices = filterChoices(db);
  const countries = new Set([...getCountries().map((c) => c.code), ...choices.countries]);
  const tab = (status: InboxFilter['status'], label: string, n: number) => {
    const q = filterParams(f, { status }).toString();
    return html`<li><a href="/dashboard/cases${q ? `?${q}` : ''}"${f.status === status ? html` aria-current="true"` : ''}>${label} <span class="count">${n}</span></a></li>`;
  };
  const exportQuery = filterParams(f).toString();
  const table = rows.length
    ? html`<div class="table-wrap"><table class="table cases">
<thead><tr><th>${t('dashboard.cases.col.ref')}</th><th>${t('dashboard.cases.col.received')}</th><th>${t('dashboard.cases.col.problem')}</th><th>${t(
        'dashboard.cases.col.country',
      )}</th><th class="wide">${t('dashboard.cases.col.name')}</th><th>${t('dashboard.cases.col.status')}</th><th class="wide">${t('dashboard.cases.col.assignee')}</th><th>${t('dashboard.teams.col')}</th><th>${t('sla.col')}</th><th class="wide">${t(
        'dashboard.cases.col.story',
      )}</th></tr></thead>
<tbody>${rows.map(
        (r) => html`<tr${r.urgent ? html` class="urgent"` : ''}>
<td><a href="/dashboard/cases/${r.ref}">${r.ref}</a>${r.urgent ? html` <span class="badge badge-urgent">${t('dashboard.cases.urgent')}</span>` : ''}${
          r.kind === 'assistance' ? html` <span class="badge">${t('dashboard.cases.kind.assistance')}</span>` : ''
        }${labelChips(rowLabels.get(r.id) ?? [])}</td>
<td>${kit.formatTime(r.createdAt)}</td>
<td>${categoryLabel(t, r.kind, r.category)}</td>
<td>${countryName(r.country, r.countryText, lang)}</td>
<td class="wide">${r.anonymous ? t('dashboard.cases.anonymous') : (r.workerName ?? '–')}</td>
<td><span class="status status-${r.status}">${statusLabel(t, r)}</span></td>
<td class="wide">${r.assignee ?? t('dashboard.cases.unassigned')}</td>
<td class="team">${r.team ?? '–'}</td>
${slaCell(kit, r)}
<td class="wide story">${snippet(r.description)}</td></tr>`,
      )}</tbody></table></div>`
    : html`<p class="notice">${t('dashboard.cases.none')}</p>`;
  return html`<p class="views"><a href="/dashboard/cases?mine=1">${t('dashboard.teams.myCasesLink')}</a> · <a href="/dashboard/cases?team=mine">${t('dashboard.teams.myTeamsLink')}</a></p>
<form method="get" action="/dashboard/cases" class="card filters">
  <label class="search">${t('dashboard.cases.search')}<input type="search" name="q" value="${f.q}" placeholder="${t('inbox.filter.searchHint')}"></label>
  <label>${t('dashboard.cases.col.status')}<select name="status">
    <option value="open"${selected(f.status === 'open')}>${t('dashboard.cases.statusOpen')}</option>
    <option value="all"${selected(f.status === 'all')}>${t('dashboard.cases.statusAll')}</option>
    ${STATUSES.map((s) => html`<option value="${s}"${selected(f.status === s)}>${t(`case.status.${s}`)}</option>`)}
  </select></label>
  <label>${t('dashboard.cases.kind.label')}<select name="kind">
    <option value="">${t('dashboard.cases.any')}</option>
    <option value="complaint"${selected(f.kind === 'complaint')}>${t('dashboard.cases.kind.complaint')}</option>
    <option value="assistance"${selected(f.kind === 'assistance')}>${t('dashboard.cases.kind.assistance')}</option>
  </select></label>
  <label>${t('dashboard.cases.col.problem')}<select name="category">
    <option value="">${t('dashboard.cases.any')}</option>
    ${choices.categories.map((c) => html`<option value="${c.category}"${selected(f.category === c.category)}>${categoryLabel(t, c.kind, c.category)}</option>`)}
  </select></label>
  <label>${t('dashboard.cases.col.country')}<select name="country">
    <option value="">${t('dashboard.cases.any')}</option>
    ${[...countries].map((c) => html`<option value="${c}"${selected(f.country === c)}>${c === 'OTHER' ? t('dashboard.cases.otherCountry') : countryName(c, c, lang)}</option>`)}
  </select></label>
  <label>${t('dashboard.cases.district')}<select name="district">
    <option value="">${t('dashboard.cases.any')}</option>
    ${getDistricts().map((d) => html`<option value="${d.id}"${selected(f.district === d.id)}>${d.name}</option>`)}
    <option value="${OUTSIDE_REGION}"${selected(f.district === OUTSIDE_REGION)}>${t('dashboard.cases.outsideRegion')}</option>
  </select></label>
  <label>${t('dashboard.cases.village')}<input type="search" name="village" value="${f.village ?? ''}" maxlength="${MAX_VILLAGE_CHARS}" placeholder="${t('dashboard.cases.villageHint')}"></label>
  ${slaFilterField(kit, f.sla?.state ?? null)}
  <label class="check"><input type="checkbox" name="urgent" value="1"${checked(f.urgent)}> ${t('dashboard.cases.urgentOnly')}</label>
  <label class="check"><input type="checkbox" name="mine" value="1"${checked(f.mine)}> ${t('dashboard.cases.mine')}</label>
  <label>${t('dashboard.cases.col.assignee')}<select name="assignee">
    <option value="">${t('dashboard.cases.any')}</option>
    <option value="none"${selected(f.assignee === 'none')}>${t('dashboard.cases.unassigned')}</option>
    ${officerRoster(db).map((o) => html`<option value="${o.id}"${selected(f.assignee === o.id)}>${o.username}</option>`)}
  </select></label>
  <label>${t('dashboard.teams.filter')}<select name="team">
    <option value="">${t('dashboard.cases.any')}</option>
    <option value="mine"${selected(f.team === 'mine')}>${t('dashboard.teams.mine')}</option>
    <option value="none"${selected(f.team === 'none')}>${t('dashboard.teams.noTeam')}</option>
    ${listTeams(db).map((x) => html`<option value="${x.id}"${selected(f.team === x.id)}>${x.name}</option>`)}
  </select></label>
  ${labelAgeFields(kit, f, labels)}
  <div class="actions"><button type="submit">${t('dashboard.cases.filter')}</button> <a href="/dashboard/cases">${t('dashboard.cases.clear')}</a></div>
</form>
${csrf ? newLabelForm(kit, csrf) : ''}
<div id="inbox-live" data-live-region>
${sosList(kit, openSosAlerts(db, kit.services.clock.now()))}
<ul class="tabs" aria-label="${t('dashboard.cases.byStatus')}">
  ${tab('open', t('dashboard.cases.statusOpen'), openCount)}
  ${STATUSES.map((s) => tab(s, t(`case.status.${s}`), counts[s]))}
  ${tab('all', t('dashboard.cases.statusAll'), all)}
</ul>
<p class="meta">${t('dashboard.cases.showing', { shown: rows.length, total })}
  <a class="button secondary" href="/dashboard/cases/export.csv${exportQuery ? `?${exportQuery}` : ''}" download>${t('dashboard.cases.export')}</a>
  <span class="hint">${t('dashboard.cases.exportHint')}</span></p>
${table}
</div>`;
}

/** Emergency-word alerts nobody acknowledged yet, above the inbox. */
function sosList(kit: DashboardKit, alerts: SosAlert[]): Html {
  if (!alerts.length) return html``;
  const t = kit.t;
  return html`<ul class="sos-alerts" aria-label="${t('workspace.live.alerts')}">${alerts.map(
    (a) => html`<li class="sos-alert" data-alert-key="${a.key}"><span class="badge badge-urgent">SOS</span> ${kit.formatTime(a.at)} · ${t('workspace.live.sos', {
      channel: a.channel ?? '–',
      country: a.country ? countryName(a.country, null, kit.lang) : '–',
    })}${a.ref ? html` · <a href="/dashboard/cases/${a.ref}">${a.ref}</a>` : ''} <button type="button" class="secondary" data-ack="${a.key}">${t('workspace.live.ack')}</button></li>`,
  )}</ul>`;
}
