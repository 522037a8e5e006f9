/**
 * The inbox's age filters: cases received more than N days ago, and received between two days
 * (in the helpline's home time zone). Read from the query string (`older`, `from`, `to`) and
 * turned into bounds on `cases.created_at` (index cases_created).
 */
import { DateTime } from 'luxon';

/** Largest "older than" in days (ten years). */
export const MAX_AGE_DAYS = 3650;
const DAY_MS = 24 * 3600_000;

/** The clock's now and the zone days are counted in (HOME_TIMEZONE). */
export interface TimeContext {
  now: number;
  zone: string;
}

export interface AgeFilter {
  /** Received more than this many days ago. */
  older: number | null;
  /** Received on or after / on or before these days (YYYY-MM-DD). */
  from: string | null;
  to: string | null;
  /** The bounds in ms: created_at < createdBefore, created_at >= createdAfter. */
  createdBefore: number | null;
  createdAfter: number | null;
}

const day = (s: string, zone: string): DateTime | null => {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return null;
  const d = DateTime.fromISO(s, { zone });
  return d.isValid ? d.startOf('day') : null;
};

/** The age filter from raw query values, or undefined when none is set (or none is valid). */
export function parseAge(raw: { older: string; from: string; to: string }, time?: TimeContext): AgeFilter | undefined {
  const zone = time?.zone ?? 'UTC';
  const now = time?.now ?? Date.now();
  const olderN = /^\d{1,4}$/.test(raw.older) ? Number(raw.older) : NaN;
  const older = olderN >= 1 && olderN <= MAX_AGE_DAYS ? olderN : null;
  const from = day(raw.from, zone);
  const to = day(raw.to, zone);
  if (older === null && !from && !to) return undefined;
  const bounds = [older !== null ? now - older * DAY_MS : null, to ? to.plus({ days: 1 }).toMillis() : null].filter((v): v is number => v !== null);
  return {
    older,
    from: from ? raw.from : null,
    to: to ? raw.to : null,
    createdBefore: bounds.length ? Math.min(...bounds) : null,
    createdAfter: from ? from.toMillis() : null,
  };
}

/** The age filter as query-string pairs. */
export function ageParams(a: AgeFilter): [string, string][] {
  const out: [string, string][] = [];
  if (a.older !== null) out.push(['older', String(a.older)]);
  if (a.from) out.push(['from', a.from]);
  if (a.to) out.push(['to', a.to]);
  return out;
}

/** The condition over `cases c`, or null when there is none. */
export function ageWhere(a: AgeFilter): { sql: string; params: number[] } | null {
  const parts: string[] = [];
  const params: number[] = [];
  if (a.createdBefore !== null) (parts.push('c.created_at < ?'), params.push(a.createdBefore));
  if (a.createdAfter !== null) (parts.push('c.created_at >= ?'), params.push(a.createdAfter));
  return parts.length ? { sql: parts.join(' AND '), params } : null;
}
