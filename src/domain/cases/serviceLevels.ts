/**
 * Service levels: when a case's first response and its resolution are due, and where a case
 * stands against them. First response = the first message an officer wrote to the reporter
 * (`cases.first_response_at`, kept by migration 026's trigger from `message_out` events; an
 * assignment or a status change is not one). Resolution = the moment the case entered `resolved`
 * or `closed` (`cases.resolved_at`). Both targets run from the case's creation; the urgent targets
 * apply while the case is urgent.
 */
import type { Config } from '../../config.js';
import type { DB } from '../../store/db.js';

/** A running target counts as "due soon" in its last quarter (15 min of an hour, 6 h of a day). */
export const DUE_SOON_SHARE = 0.25;

/** Where a case stands: open ones on time, due soon or overdue; finished ones met or breached. */
export const SLA_STATES = ['on_time', 'due_soon', 'overdue', 'met', 'breached'] as const;
export type SlaState = (typeof SLA_STATES)[number];

export interface SlaTargets {
  firstResponseMs: { urgent: number; normal: number };
  resolutionMs: { urgent: number; normal: number };
}

/** The targets configured (SLA_* variables). */
export function slaTargets(config: Pick<Config, 'SLA_FIRST_RESPONSE_URGENT_MINUTES' | 'SLA_FIRST_RESPONSE_MINUTES' | 'SLA_RESOLUTION_URGENT_HOURS' | 'SLA_RESOLUTION_HOURS'>): SlaTargets {
  return {
    firstResponseMs: { urgent: config.SLA_FIRST_RESPONSE_URGENT_MINUTES * 60_000, normal: config.SLA_FIRST_RESPONSE_MINUTES * 60_000 },
    resolutionMs: { urgent: config.SLA_RESOLUTION_URGENT_HOURS * 3600_000, normal: config.SLA_RESOLUTION_HOURS * 3600_000 },
  };
}

/** What the computation needs of a case. */
export interface SlaCase {
  createdAt: number;
  urgent: boolean;
  firstResponseAt: number | null;
  resolvedAt: number | null;
}

export interface SlaView {
  state: SlaState;
  /** Which target the state is about: the first response while none was given, else the resolution. */
  target: 'first_response' | 'resolution';
  /** When that target is (or was) due. */
  dueAt: number;
  /** Due minus now for open cases (negative when overdue); null for finished ones. */
  leftMs: number | null;
  firstResponseDue: number;
  resolutionDue: number;
}

/** Where one case stands against its targets at `now`. */
export function slaOf(c: SlaCase, targets: SlaTargets, now: number): SlaView {
  const pr = c.urgent ? 'urgent' : 'normal';
  const frLen = targets.firstResponseMs[pr];
  const resLen = targets.resolutionMs[pr];
  const firstResponseDue = c.createdAt + frLen;
  const resolutionDue = c.createdAt + resLen;
  const base = { firstResponseDue, resolutionDue };
  if (c.resolvedAt !== null) {
    // A case finished without a reply was answered by its resolution (the reporter is told the status).
    const answeredAt = Math.min(c.firstResponseAt ?? c.resolvedAt, c.resolvedAt);
    const frMet = answeredAt <= firstResponseDue;
    const resMet = c.resolvedAt <= resolutionDue;
    return { ...base, state: frMet && resMet ? 'met' : 'breached', target: frMet ? 'resolution' : 'first_response', dueAt: frMet ? resolutionDue : firstResponseDue, leftMs: null };
  }
  const waiting = c.firstResponseAt === null;
  // The resolution deadline counts even before a first reply (when it is configured shorter).
  const overdue = (waiting && now > firstResponseDue) || now > resolutionDue;
  const soon = (waiting && now >= firstResponseDue - frLen * DUE_SOON_SHARE) || now >= resolutionDue - resLen * DUE_SOON_SHARE;
  const onFirst = waiting && firstResponseDue <= resolutionDue;
  const dueAt = onFirst ? firstResponseDue : resolutionDue;
  return { ...base, state: overdue ? 'overdue' : soon ? 'due_soon' : 'on_time', target: onFirst ? 'first_response' : 'resolution', dueAt, leftMs: dueAt - now };
}

/** An SLA-state filter with what it needs to be evaluated in SQL. */
export interface SlaFilter {
  state: SlaState;
  now: number;
  targets: SlaTargets;
}

/** Reads an SLA state from a query value; null when it is not one. */
export function parseSlaState(v: string): SlaState | null {
  return (SLA_STATES as readonly string[]).includes(v) ? (v as SlaState) : null;
}

/**
 * The same states as slaOf as one SQL condition over `cases c` (for the inbox's filter, so counts
 * and paging stay in the database).
 */
export function slaCondition(f: SlaFilter): { sql: string; params: number[] } {
  const t = f.targets;
  const frLen = `(CASE WHEN c.urgent = 1 THEN ${t.firstResponseMs.urgent} ELSE ${t.firstResponseMs.normal} END)`;
  const resLen = `(CASE WHEN c.urgent = 1 THEN ${t.resolutionMs.urgent} ELSE ${t.resolutionMs.normal} END)`;
  const frDue = `(c.created_at + ${frLen})`;
  const resDue = `(c.created_at + ${resLen})`;
  const open = 'c.resolved_at IS NULL';
  const overdue = `((c.first_response_at IS NULL AND ? > ${frDue}) OR ? > ${resDue})`;
  const soon = `((c.first_response_at IS NULL AND ? >= ${frDue} - ${frLen} * ${DUE_SOON_SHARE}) OR ? >= ${resDue} - ${resLen} * ${DUE_SOON_SHARE})`;
  const met = `(MIN(COALESCE(c.first_response_at, c.resolved_at), c.resolved_at) <= ${frDue} AND c.resolved_at <= ${resDue})`;
  const n = f.now;
  switch (f.state) {
    case 'overdue':
      return { sql: `(${open} AND ${overdue})`, params: [n, n] };
    case 'due_soon':
      return { sql: `(${open} AND NOT ${overdue} AND ${soon})`, params: [n, n, n, n] };
    case 'on_time':
      return { sql: `(${open} AND NOT ${overdue} AND NOT ${soon})`, params: [n, n, n, n] };
    case 'met':
      return { sql: `(c.resolved_at IS NOT NULL AND ${met})`, params: [] };
    case 'breached':
      return { sql: `(c.resolved_at IS NOT NULL AND NOT ${met})`, params: [] };
  }
}

/** A case's times as the service levels need them (the Case type leaves them out). */
export function slaCaseOf(db: DB, caseId: number): SlaCase | undefined {
  const r = db.prepare('SELECT created_at AS createdAt, urgent, first_response_at AS firstResponseAt, resolved_at AS resolvedAt FROM cases WHERE id = ?').get(caseId) as
    | (Omit<SlaCase, 'urgent'> & { urgent: number })
    | undefined;
  return r && { ...r, urgent: r.urgent === 1 };
}

/** Open cases now on time, due soon and overdue (for the report's "right now" line). */
export function openSlaCounts(db: DB, now: number, targets: SlaTargets): Record<'on_time' | 'due_soon' | 'overdue', number> {
  const count = (state: 'on_time' | 'due_soon' | 'overdue') => {
    const s = slaCondition({ state, now, targets });
    return db.prepare(`SELECT COUNT(*) FROM cases c WHERE ${s.sql}`).pluck().get(...s.params) as number;
  };
  return { on_time: count('on_time'), due_soon: count('due_soon'), overdue: count('overdue') };
}
