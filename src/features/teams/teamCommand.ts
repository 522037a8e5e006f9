/**
 * `/team REF TEAM NAME`: an officer refers a case to another team from chat (the same referral
 * as the case page: recorded, the team's officers on duty alerted, the reporter told). Without a
 * name, or with one no team has, the officer is shown the team names.
 */
import type { Action } from '../../conversation/actions.js';
import type { ActionResult, CommandDef, Flow, VarValue } from '../../conversation/flow.js';
import { caseByRef } from '../../domain/cases/cases.js';
import { normalizeRef } from '../../domain/cases/ref.js';
import { referToTeam } from '../../domain/cases/teamReferral.js';
import { cleanTeamName, listTeams } from '../../domain/cases/teams.js';
import { chatOfficerActor } from '../../domain/officers/actors.js';

const say = (key: string, vars?: Record<string, VarValue>): ActionResult => ({ replies: [{ text: vars ? { key, vars } : { key } }] });

const refer: Action = (ctx): ActionResult => {
  const m = /^\/\S+(?:\s+(\S+))?\s*([\s\S]*)$/.exec(ctx.inbound.text.trim());
  const ref = m?.[1] ? normalizeRef(m[1]) : null;
  const name = cleanTeamName(m?.[2] ?? '');
  const teams = listTeams(ctx.db);
  if (!teams.length) return say('teams.chatNoTeams');
  const names = teams.map((x) => x.name).join(', ');
  if (!ref || !name) return say('teams.chatUsage', { teams: names });
  const c = caseByRef(ctx.db, ref);
  if (!c) return say('officer.notFound', { ref });
  const team = teams.find((x) => x.name.toLowerCase() === name.toLowerCase());
  if (!team) return say('teams.chatUnknown', { name, teams: names });
  const done = referToTeam(ctx.db, ctx.notify, c, team, chatOfficerActor(ctx.contact.id), ctx.now, ctx.contact.id);
  if (!done.moved) return say('teams.chatSame', { ref: c.ref, team: team.name });
  ctx.audit('case_team', c.ref, `team:${team.id}`);
  return say(done.told ? 'teams.chatMoved' : 'teams.chatMovedQuiet', { ref: c.ref, team: team.name });
};

/** One step, then back at the officer's command prompt. */
export const teamFlow: Flow = {
  id: 'officerTeam',
  start: 'refer',
  steps: { refer: { call: 'teams.refer', next: { flow: 'officer', step: 'idle' } } },
};

export const teamCommands: Record<string, CommandDef> = { team: { target: { flow: 'officerTeam' }, officerOnly: true } };

export const teamActions: Record<string, Action> = { 'teams.refer': refer };
