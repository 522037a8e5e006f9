/**
 * The case page's team: shown in the head, and the "Team" card that refers the case to another
 * team (`POST /dashboard/cases/REF/team` with `team=<id>`; audited as `case_team`).
 */
import type { Request, Response } from 'express';
import type { Case } from '../../../domain/cases/cases.js';
import { referToTeam } from '../../../domain/cases/teamReferral.js';
import { listTeams, teamById, teamOfCase } from '../../../domain/cases/teams.js';
import { dashboardActor } from '../../../domain/officers/actors.js';
import { type Html, html } from '../../kit/html.js';
import type { DashboardKit } from '../../kit/dashboard/page.js';

/** Notices after a referral to a team (?done=...). */
export const TEAM_NOTICES = ['teamMoved', 'teamMovedQuiet', 'teamSame'] as const;

/** The flash after a referral, if `done` is one of ours. */
export function teamNotice(kit: DashboardKit, done: string | null): Html | string {
  return done && (TEAM_NOTICES as readonly string[]).includes(done) ? html`<p class="flash" role="status">${kit.t(`dashboard.teams.caseDone.${done}`)}</p>` : '';
}

/** "team: NAME" for the case head (nothing when the case has no team). */
export function teamBadge(kit: DashboardKit, c: Case): Html | string {
  const team = teamOfCase(kit.services.db, c.id);
  return team ? html` · <span class="case-team" id="case-team">${kit.t('dashboard.teams.caseHead', { team: team.name })}</span>` : '';
}

/** The "Team" card: where the case is, and a referral to another team. */
export function teamCard(kit: DashboardKit, c: Case, csrf: Html, base: string): Html {
  const t = kit.t;
  const db = kit.services.db;
  const current = teamOfCase(db, c.id);
  const teams = listTeams(db);
  return html`<section class="card team-card">
  <h2>${t('dashboard.teams.card.title')}</h2>
  <p class="muted">${current ? t('dashboard.teams.card.current', { team: current.name }) : t('dashboard.teams.card.noTeam')}</p>
  ${
    teams.length
      ? html`<form method="post" action="${base}/team">${csrf}
    <label>${t('dashboard.teams.card.referTo')}<select name="team">${teams.map(
      (x) => html`<option value="${x.id}"${x.id === current?.id ? html` selected` : ''}>${x.name}</option>`,
    )}</select></label>
    <p class="hint">${t('dashboard.teams.card.hint')}</p>
    <button type="submit" class="secondary">${t('dashboard.teams.card.submit')}</button>
  </form>`
      : html`<p class="hint">${t('dashboard.teams.card.noTeams')}</p>`
  }
</section>`;
}

/** The referral route's handler, given the page's own case loader and redirect. */
export function teamReferralRoute(
  kit: DashboardKit,
  load: (kit: DashboardKit, req: Request, res: Response) => Case | undefined,
  back: (res: Response, c: Case, done: string) => void,
): (req: Request, res: Response) => void {
  return (req, res) => {
    const c = load(kit, req, res);
    if (!c) return;
    const raw = typeof req.body?.team === 'string' ? req.body.team : '';
    const team = /^[1-9]\d{0,8}$/.test(raw) ? teamById(kit.services.db, Number(raw)) : undefined;
    if (!team) return back(res, c, 'invalid');
    const me = kit.officer(res);
    const done = kit.services.notifier.transaction(({ toContact: notify }) => {
      const r = referToTeam(kit.services.db, notify, c, team, dashboardActor(me.id), kit.services.clock.now(), me.contactId ?? undefined);
      if (r.moved) kit.audit(res, 'case_team', c.ref, `team:${team.id}`);
      return r;
    });
    back(res, c, !done.moved ? 'teamSame' : done.told ? 'teamMoved' : 'teamMovedQuiet');
  };
}
