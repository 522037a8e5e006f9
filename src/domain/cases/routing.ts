/**
 * Routing rules: a new case goes to the team of the first rule (lowest position) whose category
 * and destination country both match; an empty category or country matches anything. Every path
 * that opens a case goes through createCase, which calls routeNewCase in the same transaction,
 * so a complaint, an assistance request, an anonymous recruiter tip (category `recruiter_tip`),
 * a death report and an urgent case are all routed the moment they exist.
 */
import { type DB, prepared } from '../../store/db.js';

export interface RoutingRule {
  id: number;
  position: number;
  /** A case category, `emergency` or an assistance program id; null = any. */
  category: string | null;
  /** A destination country code (data/countries.json); null = any. */
  country: string | null;
  teamId: number;
  teamName: string;
}

/** Rules in the order they are tried. */
export function routingRules(db: DB): RoutingRule[] {
  return db
    .prepare(
      `SELECT r.id, r.position, r.category, r.country, r.team_id AS teamId, t.name AS teamName
       FROM routing_rules r JOIN teams t ON t.id = r.team_id ORDER BY r.position, r.id`,
    )
    .all() as RoutingRule[];
}

/** Adds a rule after the others; returns its id. */
export function addRoutingRule(db: DB, rule: { category: string | null; country: string | null; teamId: number }, now: number): number {
  const position = ((db.prepare('SELECT MAX(position) FROM routing_rules').pluck().get() as number | null) ?? 0) + 1;
  return db
    .prepare('INSERT INTO routing_rules (position, category, country, team_id, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id')
    .pluck()
    .get(position, rule.category || null, rule.country || null, rule.teamId, now) as number;
}

/** Deletes a rule. */
export function deleteRoutingRule(db: DB, id: number): boolean {
  return db.prepare('DELETE FROM routing_rules WHERE id = ?').run(id).changes > 0;
}

/** Moves a rule one place earlier (up) or later (down) by swapping it with its neighbour; positions are renumbered 1..n. */
export function moveRoutingRule(db: DB, id: number, direction: 'up' | 'down'): boolean {
  const ids = routingRules(db).map((r) => r.id);
  const i = ids.indexOf(id);
  const j = direction === 'up' ? i - 1 : i + 1;
  if (i < 0 || j < 0 || j >= ids.length) return false;
  [ids[i], ids[j]] = [ids[j], ids[i]];
  const set = db.prepare('UPDATE routing_rules SET position = ? WHERE id = ?');
  ids.forEach((ruleId, k) => set.run(k + 1, ruleId));
  return true;
}

/** The team of the first matching rule, or null when none matches. */
export function routeFor(db: DB, category: string, country: string | null): number | null {
  return (
    (prepared(
      db,
      `SELECT team_id FROM routing_rules
         WHERE (category IS NULL OR category = ?) AND (country IS NULL OR country = ?)
         ORDER BY position, id LIMIT 1`,
    )
      .pluck()
      .get(category, country ?? '') as number | undefined) ?? null
  );
}

/** Puts a just-created case in the team its rules pick (inside createCase's transaction); returns the team id. */
export function routeNewCase(db: DB, caseId: number, category: string, country: string | null): number | null {
  const team = routeFor(db, category, country);
  if (team !== null) db.prepare('UPDATE cases SET team_id = ? WHERE id = ?').run(team, caseId);
  return team;
}
