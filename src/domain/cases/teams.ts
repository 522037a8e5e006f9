/**
 * Teams: groups of dashboard officer accounts with names the operator chooses (a regency desk,
 * P4MI, BP3MI Jawa Timur, the KP2MI Crisis Center…). A case belongs to at most one team
 * (`cases.team_id`); routing rules (routing.ts) pick it for a new case, an officer can refer it to
 * another (teamReferral.ts). Every write here runs inside the caller's transaction.
 */
import type { DB } from '../../store/db.js';

/** Longest team name (it is shown to reporters: "now handled by <name>"). */
export const MAX_TEAM_NAME = 60;

export interface Team {
  id: number;
  name: string;
}

export interface TeamSummary extends Team {
  members: number;
  openCases: number;
}

export interface TeamMember {
  officerId: number;
  username: string;
  away: boolean;
  contactId: number | null;
}

/** Why a team name was refused. */
export type TeamNameProblem = 'empty' | 'tooLong' | 'taken';

/** The name as stored: spaces collapsed, trimmed. */
export function cleanTeamName(typed: string): string {
  return typed.replace(/\s+/g, ' ').trim();
}

/** What is wrong with a (cleaned) name for a new team or a rename of team `except`, if anything. */
export function teamNameProblem(db: DB, name: string, except?: number): TeamNameProblem | null {
  if (!name) return 'empty';
  if (name.length > MAX_TEAM_NAME) return 'tooLong';
  const other = db.prepare('SELECT id FROM teams WHERE name = ? COLLATE NOCASE').pluck().get(name) as number | undefined;
  return other !== undefined && other !== except ? 'taken' : null;
}

/** Creates a team; returns its id (check the name with teamNameProblem first). */
export function createTeam(db: DB, name: string, now: number): number {
  return db.prepare('INSERT INTO teams (name, created_at) VALUES (?, ?) RETURNING id').pluck().get(cleanTeamName(name), now) as number;
}

/** Renames a team; false when there is no such team. */
export function renameTeam(db: DB, id: number, name: string): boolean {
  return db.prepare('UPDATE teams SET name = ? WHERE id = ?').run(cleanTeamName(name), id).changes > 0;
}

/** Deletes a team: its members and rules go with it, its cases keep going without a team. */
export function deleteTeam(db: DB, id: number): boolean {
  return db.prepare('DELETE FROM teams WHERE id = ?').run(id).changes > 0;
}

/** One team by id. */
export function teamById(db: DB, id: number): Team | undefined {
  return db.prepare('SELECT id, name FROM teams WHERE id = ?').get(id) as Team | undefined;
}

/** Every team by name. */
export function listTeams(db: DB): Team[] {
  return db.prepare('SELECT id, name FROM teams ORDER BY name COLLATE NOCASE').all() as Team[];
}

/** Every team with its member count and open cases (for the Teams page). */
export function teamSummaries(db: DB, openStatuses: readonly string[]): TeamSummary[] {
  const marks = openStatuses.map(() => '?').join(',');
  return db
    .prepare(
      `SELECT t.id, t.name,
         (SELECT COUNT(*) FROM team_members m JOIN officers o ON o.id = m.officer_id WHERE m.team_id = t.id AND o.disabled_at IS NULL) AS members,
         (SELECT COUNT(*) FROM cases c WHERE c.team_id = t.id AND c.status IN (${marks})) AS openCases
       FROM teams t ORDER BY t.name COLLATE NOCASE`,
    )
    .all(...openStatuses) as TeamSummary[];
}

/** Active accounts in a team, on duty first. */
export function teamMembers(db: DB, teamId: number): TeamMember[] {
  return (
    db
      .prepare(
        `SELECT o.id AS officerId, o.username, o.away, o.contact_id AS contactId FROM team_members m JOIN officers o ON o.id = m.officer_id
         WHERE m.team_id = ? AND o.disabled_at IS NULL ORDER BY o.away, o.username`,
      )
      .all(teamId) as (Omit<TeamMember, 'away'> & { away: number })[]
  ).map((r) => ({ ...r, away: r.away === 1 }));
}

/** Adds an account to a team (nothing when it is already in). */
export function addTeamMember(db: DB, teamId: number, officerId: number): boolean {
  return db.prepare('INSERT OR IGNORE INTO team_members (team_id, officer_id) VALUES (?, ?)').run(teamId, officerId).changes > 0;
}

/** Takes an account out of a team. */
export function removeTeamMember(db: DB, teamId: number, officerId: number): boolean {
  return db.prepare('DELETE FROM team_members WHERE team_id = ? AND officer_id = ?').run(teamId, officerId).changes > 0;
}

/** The teams an account belongs to ("my teams"). */
export function teamsOfOfficer(db: DB, officerId: number): Team[] {
  return db
    .prepare('SELECT t.id, t.name FROM team_members m JOIN teams t ON t.id = m.team_id WHERE m.officer_id = ? ORDER BY t.name COLLATE NOCASE')
    .all(officerId) as Team[];
}

/** The team a case belongs to, if any. */
export function teamOfCase(db: DB, caseId: number): Team | undefined {
  return db.prepare('SELECT t.id, t.name FROM cases c JOIN teams t ON t.id = c.team_id WHERE c.id = ?').get(caseId) as Team | undefined;
}
