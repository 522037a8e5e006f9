/**
 * The case inbox: filters as officers pick them in the form (and the CSV export), turned into one
 * SQL query over `cases`; counts per status; the rows the inbox and the export show.
 */
import { CATEGORIES, OPEN_STATUSES, STATUSES, type CaseKind, type CaseStatus } from './categories.js';
import { normalizeRef } from './ref.js';
import type { DB } from '../../store/db.js';
import type { Officer } from '../officers/accounts.js';
import { type SlaFilter, type SlaTargets, parseSlaState, slaCondition } from './serviceLevels.js';
import { MAX_VILLAGE_CHARS, homeDistrictId } from '../places.js';
import { type AgeFilter, type TimeContext, ageParams, ageWhere, parseAge } from './inboxAge.js';
import { textSearchWhere } from './inboxSearch.js';

/** Rows the inbox shows at once (the count above it is complete). */
export const INBOX_LIMIT = 100;
/** Rows one CSV export may hold. */
export const EXPORT_LIMIT = 20_000;
const MAX_SEARCH_CHARS = 80;

export interface InboxFilter {
  /** 'open' (default), 'all' or one status. */
  status: 'open' | 'all' | CaseStatus;
  category: string | null;
  country: string | null;
  urgent: boolean;
  mine: boolean;
  /** A dashboard account id, 'none' for cases nobody holds, or null for any. */
  assignee: number | 'none' | null;
  kind: CaseKind | null;
  q: string;
  /** Home district id (data/districts.json) of the report, tip or request, or 'outside' the regency. */
  district?: string | null;
  /** A team id, 'none' for cases of no team, 'mine' for the teams of the signed-in officer, or null for any. */
  team?: number | 'none' | 'mine' | null;
  /** Service-level state (on time, due soon, overdue, met, breached), evaluated at its `now`. */
  sla?: SlaFilter | null;
  /** Part of the home village as typed (villages are free text), any case. */
  village?: string | null;
  /** A label's id (labels.ts): only cases carrying it. */
  label?: number | null;
  /** Age of the case: older than N days, received between two days (inboxAge.ts). */
  age?: AgeFilter;
}

const one = (v: unknown): string => (typeof v === 'string' ? v : Array.isArray(v) && typeof v[0] === 'string' ? v[0] : '').trim();

/** `team=<id>|none|mine`; anything else is no team filter. */
function parseTeam(v: string): InboxFilter['team'] {
  if (v === 'none' || v === 'mine') return v;
  return /^[1-9]\d{0,8}$/.test(v) ? Number(v) : null;
}

/**
 * Reads the filter from a query string, ignoring values that are not offered (the SLA state needs
 * the clock and targets). `time` (the clock's now and HOME_TIMEZONE) places the age filters;
 * without it they are read against the system time in UTC.
 */
export function parseFilter(query: Record<string, unknown>, slaAt?: { now: number; targets: SlaTargets }, time?: TimeContext): InboxFilter {
  const status = one(query.status);
  const category = one(query.category);
  const country = one(query.country).toUpperCase();
  const kind = one(query.kind);
  const slaState = parseSlaState(one(query.sla));
  const f: InboxFilter = {
    status: status === 'all' || (STATUSES as readonly string[]).includes(status) ? (status as InboxFilter['status']) : 'open',
    category: (CATEGORIES as readonly string[]).includes(category) || /^[a-z_]{2,40}$/.test(category) ? category || null : null,
    country: /^([A-Z]{2}|OTHER)$/.test(country) ? country : null,
    urgent: one(query.urgent) === '1',
    mine: one(query.mine) === '1',
    assignee: one(query.assignee) === 'none' ? 'none' : /^[1-9]\d{0,8}$/.test(one(query.assignee)) ? Number(one(query.assignee)) : null,
    kind: kind === 'complaint' || kind === 'assistance' ? kind : null,
    q: one(query.q).slice(0, MAX_SEARCH_CHARS),
    district: homeDistrictId(one(query.district)),
    team: parseTeam(one(query.team)),
    sla: slaAt && slaState ? { state: slaState, ...slaAt } : null,
    village: one(query.village).slice(0, MAX_VILLAGE_CHARS) || null,
    label: /^[1-9]\d{0,8}$/.test(one(query.label)) ? Number(one(query.label)) : null,
    age: parseAge({ older: one(query.older), from: one(query.from), to: one(query.to) }, time),
  };
  // Met and breached are about finished cases: with "open" they would always show nothing.
  if ((f.sla?.state === 'met' || f.sla?.state === 'breached') && f.status === 'open') f.status = 'all';
  return f;
}

/** The filter as query-string pairs (for links that keep it, such as the export). */
export function filterParams(f: InboxFilter, over: Partial<InboxFilter> = {}): URLSearchParams {
  const g = { ...f, ...over };
  const p = new URLSearchParams();
  if (g.status !== 'open') p.set('status', g.status);
  if (g.category) p.set('category', g.category);
  if (g.country) p.set('country', g.country);
  if (g.urgent) p.set('urgent', '1');
  if (g.mine) p.set('mine', '1');
  if (g.assignee !== null) p.set('assignee', String(g.assignee));
  if (g.kind) p.set('kind', g.kind);
  if (g.q) p.set('q', g.q);
  if (g.district) p.set('district', g.district);
  if (g.team !== null && g.team !== undefined) p.set('team', String(g.team));
  if (g.sla) p.set('sla', g.sla.state);
  if (g.village) p.set('village', g.village);
  if (g.label) p.set('label', String(g.label));
  if (g.age) for (const [k, v] of ageParams(g.age)) p.set(k, v);
  return p;
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

function where(f: InboxFilter, officer: Officer, withStatus = true, db?: DB): { sql: string; params: (string | number | null)[] } {
  const parts: string[] = [];
  const params: (string | number | null)[] = [];
  if (withStatus && f.status === 'open') {
    parts.push(`c.status IN (${OPEN_STATUSES.map(() => '?').join(',')})`);
    params.push(...OPEN_STATUSES);
  } else if (withStatus && f.status !== 'all') {
    parts.push('c.status = ?');
    params.push(f.status);
  }
  if (f.category) (parts.push('c.category = ?'), params.push(f.category));
  if (f.country) (parts.push('c.country = ?'), params.push(f.country));
  if (f.urgent) parts.push('c.urgent = 1');
  if (f.kind) (parts.push('c.kind = ?'), params.push(f.kind));
  if (f.district) (parts.push('c.home_district = ?'), params.push(f.district));
  if (f.village) (parts.push("c.home_village LIKE ? ESCAPE '\\'"), params.push(`%${likeEscape(f.village)}%`));
  if (f.mine) {
    // Two shapes, so the plan can use the holder index when the account has no chat.
    if (officer.contactId === null) (parts.push('c.assignee_officer_id = ?'), params.push(officer.id));
    else (parts.push('(c.assignee_officer_id = ? OR c.assignee_contact_id = ?)'), params.push(officer.id, officer.contactId));
  }
  if (f.team === 'none') parts.push('c.team_id IS NULL');
  else if (f.team === 'mine') (parts.push('c.team_id IN (SELECT team_id FROM team_members WHERE officer_id = ?)'), params.push(officer.id));
  else if (typeof f.team === 'number') (parts.push('c.team_id = ?'), params.push(f.team));
  if (f.assignee === 'none') parts.push('c.assignee_officer_id IS NULL AND c.assignee_contact_id IS NULL');
  else if (f.assignee !== null) (parts.push('c.assignee_officer_id = ?'), params.push(f.assignee));
  if (f.sla) {
    const s = slaCondition(f.sla);
    parts.push(s.sql);
    params.push(...s.params);
  }
  if (f.label) (parts.push('c.id IN (SELECT case_id FROM case_labels WHERE label_id = ?)'), params.push(f.label));
  if (f.age) {
    const a = ageWhere(f.age);
    if (a) (parts.push(a.sql), params.push(...a.params));
  }
  if (f.q) {
    // A whole reference, or words (prefixes) of the reference, name, story, messages and notes.
    const text = textSearchWhere(f.q, normalizeRef(f.q), db);
    parts.push(text.sql);
    params.push(...text.params);
  }
  return { sql: parts.length ? parts.join(' AND ') : '1', params };
}

export interface InboxRow {
  id: number;
  ref: string;
  kind: CaseKind;
  category: string;
  country: string | null;
  countryText: string | null;
  workerName: string | null;
  description: string | null;
  status: CaseStatus;
  urgent: boolean;
  anonymous: boolean;
  onBehalf: 'self' | 'family';
  createdAt: number;
  updatedAt: number;
  firstActionAt: number | null;
  firstResponseAt: number | null;
  resolvedAt: number | null;
  assignee: string | null;
  /** The team's name, if the case has one. */
  team: string | null;
  /** Home district id (data/districts.json, or 'outside'), for the export and district figures. */
  homeDistrict: string | null;
  /** An application's stored status (see assistance/applications.ts), else null. */
  applicationStatus: string | null;
}

const SELECT = `SELECT c.id, c.ref, c.kind, c.category, c.country, c.country_text AS countryText, c.worker_name AS workerName,
  c.description, c.status, c.urgent, c.anonymous, c.on_behalf AS onBehalf, c.created_at AS createdAt, c.updated_at AS updatedAt,
  c.first_action_at AS firstActionAt, c.first_response_at AS firstResponseAt, c.resolved_at AS resolvedAt, c.application_status AS applicationStatus, c.home_district AS homeDistrict,
  COALESCE(o.username, oc.username, CASE WHEN c.assignee_contact_id IS NOT NULL THEN '#' || c.assignee_contact_id END) AS assignee,
  (SELECT t.name FROM teams t WHERE t.id = c.team_id) AS team
  FROM cases c LEFT JOIN officers o ON o.id = c.assignee_officer_id LEFT JOIN officers oc ON oc.contact_id = c.assignee_contact_id`;

type RawRow = Omit<InboxRow, 'urgent' | 'anonymous'> & { urgent: number; anonymous: number };
const toRow = (r: RawRow): InboxRow => ({ ...r, urgent: r.urgent === 1, anonymous: r.anonymous === 1 });

/** Cases matching the filter, urgent first, then newest first. */
export function findCases(db: DB, f: InboxFilter, officer: Officer, limit = INBOX_LIMIT): { rows: InboxRow[]; total: number } {
  const w = where(f, officer, true, db);
  const total = db.prepare(`SELECT COUNT(*) FROM cases c WHERE ${w.sql}`).pluck().get(...w.params) as number;
  // The page's ids first (sorted from the narrow index entries), then their rows and holders.
  const rows = db
    .prepare(`${SELECT} WHERE c.id IN (SELECT c.id FROM cases c WHERE ${w.sql} ORDER BY c.urgent DESC, c.created_at DESC, c.id DESC LIMIT ?) ORDER BY c.urgent DESC, c.created_at DESC, c.id DESC`)
    .all(...w.params, limit) as RawRow[];
  return { rows: rows.map(toRow), total };
}

/** Cases per status under the other filters (for the status tabs). */
export function countsByStatus(db: DB, f: InboxFilter, officer: Officer): Record<CaseStatus, number> {
  const w = where(f, officer, false, db);
  const out = Object.fromEntries(STATUSES.map((s) => [s, 0])) as Record<CaseStatus, number>;
  for (const r of db.prepare(`SELECT c.status, COUNT(*) AS n FROM cases c WHERE ${w.sql} GROUP BY c.status`).all(...w.params) as { status: CaseStatus; n: number }[]) {
    out[r.status] = r.n;
  }
  return out;
}

/** Distinct categories and countries present, for the filter menus. */
export function filterChoices(db: DB): { categories: { kind: CaseKind; category: string }[]; countries: string[] } {
  return {
    categories: db.prepare('SELECT DISTINCT kind, category FROM cases ORDER BY kind, category').all() as { kind: CaseKind; category: string }[],
    countries: db.prepare('SELECT DISTINCT country FROM cases WHERE country IS NOT NULL ORDER BY country').pluck().all() as string[],
  };
}

/** The name of the dashboard account or chat officer holding a case, if any. */
export function assigneeOf(db: DB, caseId: number): string | null {
  return (db.prepare(`SELECT assignee FROM (${SELECT} WHERE c.id = ?)`).pluck().get(caseId) as string | null | undefined) ?? null;
}
