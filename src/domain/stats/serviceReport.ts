/**
 * The service report: time to first response and to resolution (median and 90th percentile) per
 * week, team, officer and category, and the satisfaction answers, over a range of weeks in
 * HOME_TIMEZONE. A case counts for first response in the week its first officer reply was written,
 * and for resolution in the week it was resolved or closed (so a week's figures do not change as
 * old cases are finished later). Both durations run from the case's creation. Per officer: first
 * responses by the officer who wrote them; resolutions and answers by the officer holding the case.
 * One indexed read of the cases in range, grouped in memory: 50,000 cases take tens of milliseconds.
 */
import { DateTime } from 'luxon';
import type { CaseKind } from '../cases/categories.js';
import type { DB } from '../../store/db.js';
import { type Spread, spreadOf } from './percentile.js';

/** Weeks shown when no range is chosen (the current one included). */
export const DEFAULT_WEEKS = 12;
/** Longest range one report covers. */
export const MAX_WEEKS = 104;
/** Latest comments listed. */
export const MAX_COMMENTS = 50;

export interface ReportRange {
  /** Monday 00:00 of the first week, in the zone. */
  from: number;
  /** Monday 00:00 after the last week. */
  to: number;
  zone: string;
  /** Start of each week, ascending. */
  weeks: number[];
}

/** Whole weeks (Monday to Sunday in `zone`) covering the dates `fromDay`..`toDay` (YYYY-MM-DD), or the last DEFAULT_WEEKS. */
export function reportRange(now: number, zone: string, fromDay?: string | null, toDay?: string | null): ReportRange {
  const day = (s: string | null | undefined) => (s && /^\d{4}-\d{2}-\d{2}$/.test(s) ? DateTime.fromISO(s, { zone }) : null);
  const today = DateTime.fromMillis(now, { zone });
  let last = (day(toDay)?.isValid ? day(toDay)! : today).startOf('week');
  let first = day(fromDay)?.isValid ? day(fromDay)!.startOf('week') : last.minus({ weeks: DEFAULT_WEEKS - 1 });
  if (first > last) [first, last] = [last, first];
  if (last.diff(first, 'weeks').weeks >= MAX_WEEKS) first = last.minus({ weeks: MAX_WEEKS - 1 });
  const weeks: number[] = [];
  for (let w = first; w <= last; w = w.plus({ weeks: 1 })) weeks.push(w.toMillis());
  return { from: first.toMillis(), to: last.plus({ weeks: 1 }).toMillis(), zone, weeks };
}

export interface GroupFigures {
  /** Stable key of the group: week start (ms), team id, officer key, `kind:category`. */
  key: string;
  /** What people read; for categories the kind and id (the page translates them). */
  label: string;
  firstResponse: Spread;
  resolution: Spread;
  satisfaction: { count: number; average: number | null };
}

export interface SatisfactionSummary {
  asked: number;
  answered: number;
  skipped: number;
  average: number | null;
  /** Answers per score, index 0 = score 1. */
  distribution: number[];
  comments: { ref: string; score: number; comment: string; at: number }[];
}

export interface ServiceReport {
  range: ReportRange;
  overall: GroupFigures;
  weeks: GroupFigures[];
  teams: GroupFigures[];
  officers: GroupFigures[];
  categories: GroupFigures[];
  satisfaction: SatisfactionSummary;
}

/** Collects durations and scores per group key. */
class Groups {
  private readonly map = new Map<string, { label: string; fr: number[]; res: number[]; scores: number[] }>();
  private slot(key: string, label: string) {
    let g = this.map.get(key);
    if (!g) this.map.set(key, (g = { label, fr: [], res: [], scores: [] }));
    return g;
  }
  fr(key: string, label: string, ms: number) {
    this.slot(key, label).fr.push(ms);
  }
  res(key: string, label: string, ms: number) {
    this.slot(key, label).res.push(ms);
  }
  score(key: string, label: string, n: number) {
    this.slot(key, label).scores.push(n);
  }
  /** Every group, in insertion order unless `order` (keys) is given. */
  figures(order?: string[]): GroupFigures[] {
    const keys = order ?? [...this.map.keys()];
    return keys.map((key) => {
      const g = this.map.get(key) ?? { label: key, fr: [], res: [], scores: [] };
      return {
        key,
        label: g.label,
        firstResponse: spreadOf(g.fr),
        resolution: spreadOf(g.res),
        satisfaction: { count: g.scores.length, average: g.scores.length ? g.scores.reduce((a, b) => a + b, 0) / g.scores.length : null },
      };
    });
  }
}

/** The week (its start) a moment falls in, by binary search over the range's week starts; null outside. */
function weekOf(range: ReportRange, at: number): number | null {
  if (at < range.from || at >= range.to) return null;
  let lo = 0;
  let hi = range.weeks.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (range.weeks[mid] <= at) lo = mid;
    else hi = mid - 1;
  }
  return range.weeks[lo];
}

/** Names of officers by account id and by linked chat, to label groups. */
function officerNames(db: DB): { byAccount: Map<number, string>; byContact: Map<number, string> } {
  const rows = db.prepare('SELECT id, username, contact_id AS contactId FROM officers').all() as { id: number; username: string; contactId: number | null }[];
  return { byAccount: new Map(rows.map((r) => [r.id, r.username])), byContact: new Map(rows.filter((r) => r.contactId !== null).map((r) => [r.contactId as number, r.username])) };
}

/** Labels a group by the key; `none` and `api` are translated by the page. */
const NO_TEAM = 'none';

/** The whole report over a range. */
export function serviceReport(db: DB, range: ReportRange): ServiceReport {
  const names = officerNames(db);
  const officerByActor = (actor: string | null): { key: string; label: string } => {
    const m = actor ? /^(officer|dashboard):(\d+)$/.exec(actor) : null;
    if (!m) return actor === 'api' ? { key: 'api', label: 'api' } : { key: 'none', label: 'none' };
    const id = Number(m[2]);
    const name = m[1] === 'dashboard' ? names.byAccount.get(id) : names.byContact.get(id);
    return name ? { key: `u:${name}`, label: name } : { key: `${m[1]}:${id}`, label: `#${id}` };
  };
  const holder = (officer: number | null, contact: number | null): { key: string; label: string } => {
    const name = officer !== null ? names.byAccount.get(officer) : contact !== null ? names.byContact.get(contact) : undefined;
    if (name) return { key: `u:${name}`, label: name };
    return contact !== null ? { key: `officer:${contact}`, label: `#${contact}` } : { key: 'none', label: 'none' };
  };

  const teamNames = new Map(db.prepare('SELECT id, name FROM teams').raw().all() as [number, string][]);
  // Raw rows (arrays) and no join: this read is most of the report's cost on 50,000 cases.
  const rows = db
    .prepare(
      `SELECT kind, category, created_at, first_response_at, first_response_by, resolved_at, team_id, assignee_officer_id, assignee_contact_id
       FROM cases WHERE (first_response_at >= @from AND first_response_at < @to) OR (resolved_at >= @from AND resolved_at < @to)`,
    )
    .raw()
    .all({ from: range.from, to: range.to }) as [CaseKind, string, number, number | null, string | null, number | null, number | null, number | null, number | null][];

  const overall = new Groups();
  const weeks = new Groups();
  const teams = new Groups();
  const officers = new Groups();
  const categories = new Groups();
  const teamOf = (teamId: number | null) => (teamId === null ? { key: NO_TEAM, label: NO_TEAM } : { key: String(teamId), label: teamNames.get(teamId) ?? String(teamId) });
  for (const [kind, category, createdAt, firstResponseAt, firstResponseBy, resolvedAt, teamId, assigneeOfficer, assigneeContact] of rows) {
    const cat = `${kind}:${category}`;
    const team = teamOf(teamId);
    const frWeek = firstResponseAt === null ? null : weekOf(range, firstResponseAt);
    if (frWeek !== null) {
      const ms = Math.max(0, (firstResponseAt as number) - createdAt);
      overall.fr('all', 'all', ms);
      weeks.fr(String(frWeek), String(frWeek), ms);
      teams.fr(team.key, team.label, ms);
      const by = officerByActor(firstResponseBy);
      officers.fr(by.key, by.label, ms);
      categories.fr(cat, cat, ms);
    }
    const resWeek = resolvedAt === null ? null : weekOf(range, resolvedAt);
    if (resWeek !== null) {
      const ms = Math.max(0, (resolvedAt as number) - createdAt);
      overall.res('all', 'all', ms);
      weeks.res(String(resWeek), String(resWeek), ms);
      teams.res(team.key, team.label, ms);
      const h = holder(assigneeOfficer, assigneeContact);
      officers.res(h.key, h.label, ms);
      categories.res(cat, cat, ms);
    }
  }

  const answers = db
    .prepare(
      `SELECT s.score, s.answered_at AS answeredAt, c.kind, c.category, c.team_id AS teamId,
         c.assignee_officer_id AS assigneeOfficer, c.assignee_contact_id AS assigneeContact
       FROM satisfaction_surveys s JOIN cases c ON c.id = s.case_id
       WHERE s.state = 'answered' AND s.answered_at >= ? AND s.answered_at < ?`,
    )
    .all(range.from, range.to) as { score: number; answeredAt: number; kind: CaseKind; category: string; teamId: number | null; assigneeOfficer: number | null; assigneeContact: number | null }[];
  const distribution = [0, 0, 0, 0, 0];
  for (const a of answers) {
    distribution[a.score - 1]++;
    overall.score('all', 'all', a.score);
    const w = weekOf(range, a.answeredAt) as number;
    weeks.score(String(w), String(w), a.score);
    const team = teamOf(a.teamId);
    teams.score(team.key, team.label, a.score);
    const h = holder(a.assigneeOfficer, a.assigneeContact);
    officers.score(h.key, h.label, a.score);
    categories.score(`${a.kind}:${a.category}`, `${a.kind}:${a.category}`, a.score);
  }
  const counts = db
    .prepare(
      `SELECT COUNT(*) FILTER (WHERE asked_at >= @from AND asked_at < @to) AS asked,
              COUNT(*) FILTER (WHERE state = 'skipped' AND answered_at >= @from AND answered_at < @to) AS skipped
       FROM satisfaction_surveys WHERE asked_at >= @from AND asked_at < @to OR (answered_at >= @from AND answered_at < @to)`,
    )
    .get({ from: range.from, to: range.to }) as { asked: number; skipped: number };
  const comments = db
    .prepare(
      `SELECT c.ref, s.score, s.comment, s.answered_at AS at FROM satisfaction_surveys s JOIN cases c ON c.id = s.case_id
       WHERE s.state = 'answered' AND s.comment IS NOT NULL AND s.answered_at >= ? AND s.answered_at < ? ORDER BY s.answered_at DESC, s.id DESC LIMIT ?`,
    )
    .all(range.from, range.to, MAX_COMMENTS) as SatisfactionSummary['comments'];

  const byLabel = (a: GroupFigures, b: GroupFigures) => a.label.localeCompare(b.label);
  const all = overall.figures(['all'])[0];
  return {
    range,
    overall: all,
    weeks: weeks.figures(range.weeks.map(String)),
    teams: teams.figures().sort(byLabel),
    officers: officers.figures().sort(byLabel),
    categories: categories.figures().sort((a, b) => b.firstResponse.count + b.resolution.count - (a.firstResponse.count + a.resolution.count) || byLabel(a, b)),
    satisfaction: { asked: counts.asked, answered: answers.length, skipped: counts.skipped, average: all.satisfaction.average, distribution, comments },
  };
}
