/**
 * The Teams page (admins): create, rename and delete teams, choose their members among the
 * dashboard accounts, and order the routing rules that put each new case in a team. Each team
 * links to its inbox (`/dashboard/cases?team=<id>`).
 */
import type { Response } from 'express';
import { CATEGORIES, LEGACY_CATEGORIES, OPEN_STATUSES } from '../../domain/cases/categories.js';
import { EMERGENCY_CATEGORY } from '../../domain/cases/emergency.js';
import { getPrograms } from '../../domain/assistance/programs.js';
import { getCountries } from '../../domain/reference.js';
import { officerRoster } from '../../domain/officers/workspace.js';
import {
  MAX_TEAM_NAME,
  type TeamSummary,
  addTeamMember,
  cleanTeamName,
  createTeam,
  deleteTeam,
  removeTeamMember,
  renameTeam,
  teamById,
  teamMembers,
  teamNameProblem,
  teamSummaries,
} from '../../domain/cases/teams.js';
import { type RoutingRule, addRoutingRule, deleteRoutingRule, moveRoutingRule, routingRules } from '../../domain/cases/routing.js';
import { getOfficer } from '../../domain/officers/accounts.js';
import { categoryLabel, countryName } from '../kit/dashboard/labels.js';
import { type Html, html } from '../kit/html.js';
import type { DashboardKit, DashboardPage } from '../kit/dashboard/page.js';

/** Notices shown after a form was handled (?done=...). */
const DONE = ['created', 'renamed', 'deleted', 'memberAdded', 'memberRemoved', 'ruleAdded', 'ruleDeleted', 'ruleMoved', 'empty', 'tooLong', 'taken', 'invalid'] as const;

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const idOf = (v: unknown): number | null => (/^[1-9]\d{0,8}$/.test(str(v)) ? Number(v) : null);
const back = (res: Response, done: (typeof DONE)[number], anchor = '') => res.redirect(303, `/dashboard/teams?done=${done}${anchor}`);

/** What a rule may match on: the report categories, the urgent path, assistance programs. */
function ruleCategories(t: DashboardKit['t']): { value: string; label: string }[] {
  return [
    ...CATEGORIES.filter((c) => !LEGACY_CATEGORIES.includes(c)).map((c) => ({ value: c as string, label: categoryLabel(t, 'complaint', c) })),
    { value: EMERGENCY_CATEGORY, label: categoryLabel(t, 'complaint', EMERGENCY_CATEGORY) },
    ...getPrograms().map((p) => ({ value: p.id, label: categoryLabel(t, 'assistance', p.id) })),
  ];
}

function ruleCategoryLabel(t: DashboardKit['t'], category: string): string {
  return getPrograms().some((p) => p.id === category) ? categoryLabel(t, 'assistance', category) : categoryLabel(t, 'complaint', category);
}

function teamCard(kit: DashboardKit, res: Response, team: TeamSummary): Html {
  const t = kit.t;
  const csrf = kit.csrfField(res);
  const members = teamMembers(kit.services.db, team.id);
  const inTeam = new Set(members.map((m) => m.officerId));
  const others = officerRoster(kit.services.db).filter((o) => !inTeam.has(o.id));
  const base = `/dashboard/teams/${team.id}`;
  return html`<section class="card team" id="team-${team.id}" data-team="${team.name}">
  <h2>${team.name}</h2>
  <p class="muted">${t('dashboard.teams.openCases', { count: team.openCases })} · <a href="/dashboard/cases?team=${team.id}">${t('dashboard.teams.inbox')}</a></p>
  <h3>${t('dashboard.teams.members')}</h3>
  ${
    members.length
      ? html`<ul class="team-members">${members.map(
          (m) => html`<li class="row-actions">${m.username} <span class="muted">(${t(m.away ? 'workspace.assign.away' : 'workspace.assign.onDuty')})</span>
<form method="post" action="${base}/members/${m.officerId}/remove" class="inline-form">${csrf}<button type="submit" class="secondary">${t('dashboard.teams.removeMember')}</button></form></li>`,
        )}</ul>`
      : html`<p class="muted">${t('dashboard.teams.noMembers')}</p>`
  }
  <div class="row-actions">
  ${
    others.length
      ? html`<form method="post" action="${base}/members" class="inline-form">${csrf}
    <label>${t('dashboard.teams.addMember')}<select name="officer">${others.map((o) => html`<option value="${o.id}">${o.username}</option>`)}</select></label>
    <button type="submit" class="secondary">${t('dashboard.teams.addMember')}</button></form>`
      : ''
  }
  <form method="post" action="${base}/rename" class="inline-form">${csrf}
    <label>${t('dashboard.teams.name')}<input name="name" value="${team.name}" required maxlength="${MAX_TEAM_NAME}"></label>
    <button type="submit" class="secondary">${t('dashboard.teams.rename')}</button></form>
  <form method="post" action="${base}/delete" class="inline-form" data-confirm="${t('dashboard.teams.confirmDelete')}">${csrf}<button type="submit" class="secondary">${t('dashboard.teams.delete')}</button></form>
  </div>
</section>`;
}

function rulesCard(kit: DashboardKit, res: Response, rules: RoutingRule[], teams: TeamSummary[]): Html {
  const t = kit.t;
  const csrf = kit.csrfField(res);
  const any = t('dashboard.teams.rules.any');
  const move = (r: RoutingRule, dir: 'up' | 'down') =>
    html`<form method="post" action="/dashboard/teams/rules/${r.id}/move" class="inline-form">${csrf}<input type="hidden" name="direction" value="${dir}"><button type="submit" class="secondary">${t(
      `dashboard.teams.rules.${dir}`,
    )}</button></form>`;
  return html`<section class="card" id="rules">
  <h2>${t('dashboard.teams.rules.title')}</h2>
  <p class="hint">${t('dashboard.teams.rules.hint')}</p>
  ${
    rules.length
      ? html`<div class="table-wrap"><table class="table rules"><thead><tr><th>${t('dashboard.teams.rules.position')}</th><th>${t('dashboard.teams.rules.category')}</th><th>${t(
          'dashboard.teams.rules.country',
        )}</th><th>${t('dashboard.teams.rules.team')}</th><th></th></tr></thead><tbody>${rules.map(
          (r, i) => html`<tr data-rule="${r.id}"><td>${i + 1}</td><td>${r.category ? ruleCategoryLabel(t, r.category) : any}</td><td>${
            r.country ? countryName(r.country, r.country, kit.lang) : any
          }</td><td>${r.teamName}</td><td class="row-actions">${i > 0 ? move(r, 'up') : ''}${i < rules.length - 1 ? move(r, 'down') : ''}
<form method="post" action="/dashboard/teams/rules/${r.id}/delete" class="inline-form">${csrf}<button type="submit" class="secondary">${t('dashboard.teams.rules.delete')}</button></form></td></tr>`,
        )}</tbody></table></div>`
      : html`<p class="muted">${t('dashboard.teams.rules.none')}</p>`
  }
  ${
    teams.length
      ? html`<form method="post" action="/dashboard/teams/rules" class="filters rule-add">${csrf}
    <label>${t('dashboard.teams.rules.category')}<select name="category"><option value="">${any}</option>${ruleCategories(t).map(
      (c) => html`<option value="${c.value}">${c.label}</option>`,
    )}</select></label>
    <label>${t('dashboard.teams.rules.country')}<select name="country"><option value="">${any}</option>${getCountries().map(
      (c) => html`<option value="${c.code}">${countryName(c.code, c.code, kit.lang)}</option>`,
    )}</select></label>
    <label>${t('dashboard.teams.rules.team')}<select name="team">${teams.map((x) => html`<option value="${x.id}">${x.name}</option>`)}</select></label>
    <div class="actions"><button type="submit">${t('dashboard.teams.rules.add')}</button></div></form>`
      : ''
  }
</section>`;
}

export const teamsPage: DashboardPage = {
  path: '/teams',
  titleKey: 'dashboard.teams.title',
  nav: 88,
  role: 'admin',
  mount(r, kit) {
    const { db, clock } = kit.services;

    r.get('/', (req, res) => {
      const t = kit.t;
      const done = str(req.query.done);
      const teams = teamSummaries(db, OPEN_STATUSES);
      kit.render(res, {
        title: t('dashboard.teams.title'),
        body: html`${(DONE as readonly string[]).includes(done) ? html`<p class="flash" role="status">${t(`dashboard.teams.done.${done}`)}</p>` : ''}
<p class="hint">${t('dashboard.teams.hint')}</p>
<form method="post" action="/dashboard/teams" class="card inline-form">${kit.csrfField(res)}
  <label>${t('dashboard.teams.name')}<input name="name" required maxlength="${MAX_TEAM_NAME}"></label>
  <button type="submit">${t('dashboard.teams.create')}</button>
</form>
${teams.length ? teams.map((x) => teamCard(kit, res, x)) : html`<p class="notice">${t('dashboard.teams.none')}</p>`}
${rulesCard(kit, res, routingRules(db), teams)}`,
      });
    });

    r.post('/', (req, res) => {
      const name = cleanTeamName(str(req.body?.name));
      const problem = teamNameProblem(db, name);
      if (problem) return back(res, problem);
      const id = db.transaction(() => {
        const made = createTeam(db, name, clock.now());
        kit.audit(res, 'team_created', `team:${made}`, name);
        return made;
      })();
      back(res, 'created', `#team-${id}`);
    });

    r.post('/:id/rename', (req, res) => {
      const id = idOf(req.params.id);
      const team = id === null ? undefined : teamById(db, id);
      if (!team) return back(res, 'invalid');
      const name = cleanTeamName(str(req.body?.name));
      const problem = teamNameProblem(db, name, team.id);
      if (problem) return back(res, problem);
      db.transaction(() => {
        renameTeam(db, team.id, name);
        kit.audit(res, 'team_renamed', `team:${team.id}`, `${team.name} → ${name}`);
      })();
      back(res, 'renamed', `#team-${team.id}`);
    });

    r.post('/:id/delete', (req, res) => {
      const id = idOf(req.params.id);
      const team = id === null ? undefined : teamById(db, id);
      if (!team) return back(res, 'invalid');
      db.transaction(() => {
        deleteTeam(db, team.id);
        kit.audit(res, 'team_deleted', `team:${team.id}`, team.name);
      })();
      back(res, 'deleted');
    });

    r.post('/:id/members', (req, res) => {
      const id = idOf(req.params.id);
      const team = id === null ? undefined : teamById(db, id);
      const officerId = idOf(req.body?.officer);
      const officer = officerId === null ? undefined : getOfficer(db, officerId);
      if (!team || !officer) return back(res, 'invalid');
      db.transaction(() => {
        if (addTeamMember(db, team.id, officer.id)) kit.audit(res, 'team_member_added', `team:${team.id}`, `officer:${officer.id}`);
      })();
      back(res, 'memberAdded', `#team-${team.id}`);
    });

    r.post('/:id/members/:officer/remove', (req, res) => {
      const id = idOf(req.params.id);
      const officerId = idOf(req.params.officer);
      if (id === null || officerId === null) return back(res, 'invalid');
      db.transaction(() => {
        if (removeTeamMember(db, id, officerId)) kit.audit(res, 'team_member_removed', `team:${id}`, `officer:${officerId}`);
      })();
      back(res, 'memberRemoved', `#team-${id}`);
    });

    r.post('/rules', (req, res) => {
      const category = str(req.body?.category);
      const country = str(req.body?.country);
      const teamId = idOf(req.body?.team);
      const categoryOk = category === '' || ruleCategories(kit.t).some((c) => c.value === category);
      const countryOk = country === '' || getCountries().some((c) => c.code === country);
      const team = teamId === null ? undefined : teamById(db, teamId);
      if (!categoryOk || !countryOk || !team) return back(res, 'invalid', '#rules');
      db.transaction(() => {
        const id = addRoutingRule(db, { category: category || null, country: country || null, teamId: team.id }, clock.now());
        kit.audit(res, 'routing_rule_added', `rule:${id}`, `${category || '*'} ${country || '*'} → team:${team.id}`);
      })();
      back(res, 'ruleAdded', '#rules');
    });

    r.post('/rules/:id/move', (req, res) => {
      const id = idOf(req.params.id);
      const direction = str(req.body?.direction);
      if (id === null || (direction !== 'up' && direction !== 'down')) return back(res, 'invalid', '#rules');
      db.transaction(() => {
        if (moveRoutingRule(db, id, direction)) kit.audit(res, 'routing_rule_moved', `rule:${id}`, direction);
      })();
      back(res, 'ruleMoved', '#rules');
    });

    r.post('/rules/:id/delete', (req, res) => {
      const id = idOf(req.params.id);
      if (id === null) return back(res, 'invalid', '#rules');
      db.transaction(() => {
        if (deleteRoutingRule(db, id)) kit.audit(res, 'routing_rule_deleted', `rule:${id}`);
      })();
      back(res, 'ruleDeleted', '#rules');
    });
  },
};
