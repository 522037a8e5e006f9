/**
 * Referral to a team: an officer moves a case to another team (dashboard or `/team REF NAME`).
 * It is recorded as a `team` case event (text: the team's name), the new team's members on duty
 * are alerted in their chats (all its members when none is on duty), and the reporter is told in
 * plain words which office now handles the report, through `notify` (so their safe time and
 * discreet mode apply). Anonymous reporters and those who asked not to be messaged are not told.
 */
import type { Reply } from '../../core/text.js';
import type { Lang } from '../../core/types.js';
import type { NotifyContact } from '../../outbox/notifier.js';
import type { DB } from '../../store/db.js';
import { officerCaseSubject } from '../assistance/requestCase.js';
import { caseUpdateTemplate, countryLabel } from './alerts.js';
import { type Case, addEvent } from './cases.js';
import { reachable } from './ops.js';
import { type Team, teamMembers } from './teams.js';
import { casePriority } from './urgency.js';

export interface TeamReferral {
  /** False when the case was already with that team (nothing changed). */
  moved: boolean;
  /** The reporter was sent the notice. */
  told: boolean;
  /** Officer chats of the team alerted. */
  alerted: number;
}

/** What the reporter reads: which office handles their report now. */
export function teamToReporter(ref: string, team: string): Reply {
  return { text: { key: 'teams.toReporter', vars: { ref, team } }, template: caseUpdateTemplate(ref) };
}

/** The alert to the new team's officers, in their language. */
export function teamReferralAlert(c: Case, team: string, lang: Lang | null): Reply {
  return {
    text: {
      lines: [
        ...(c.urgent ? [{ key: 'officer.urgentMark' }] : []),
        { key: 'teams.alert', vars: { ref: c.ref, team, category: officerCaseSubject(c), country: countryLabel(c.country, c.countryText, lang) } },
        { key: 'officer.readHint', vars: { ref: c.ref } },
      ],
    },
  };
}

/** Moves the case to `team` (inside the caller's transaction); `exceptChat` is the acting officer's own chat. */
export function referToTeam(db: DB, notify: NotifyContact, c: Case, team: Team, actor: string, now: number, exceptChat?: number): TeamReferral {
  const current = db.prepare('SELECT team_id FROM cases WHERE id = ?').pluck().get(c.id) as number | null;
  if (current === team.id) return { moved: false, told: false, alerted: 0 };
  // Not an answer to the reporter: escalation keeps re-announcing the case until someone acts on it.
  db.prepare('UPDATE cases SET team_id = ? WHERE id = ?').run(team.id, c.id);
  addEvent(db, c.id, now, actor, 'team', { text: team.name });
  const chats = teamMembers(db, team.id).filter((m) => m.contactId !== null && m.contactId !== exceptChat);
  const onDuty = chats.filter((m) => !m.away);
  const alertTo = [...new Set((onDuty.length ? onDuty : chats).map((m) => m.contactId as number))];
  const langOf = db.prepare("SELECT language FROM contacts WHERE id = ? AND role = 'officer'");
  let alerted = 0;
  for (const id of alertTo) {
    const row = langOf.get(id) as { language: Lang | null } | undefined;
    if (!row) continue;
    notify(id, teamReferralAlert(c, team.name, row.language), casePriority(c));
    alerted++;
  }
  const told = reachable(c);
  if (told) notify(c.reporterContactId as number, teamToReporter(c.ref, team.name));
  return { moved: true, told, alerted };
}
