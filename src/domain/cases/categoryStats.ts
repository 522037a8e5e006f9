/**
 * Monthly case counts in the national agency's complaint categories (data/categoryStats.json), so
 * the helpline's figures can be set beside the agency's. Months are calendar months in HOME_TIMEZONE.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DateTime } from 'luxon';
import type { DB } from '../../store/db.js';
import { SHIPPED_DATA_DIR } from '../reference.js';

/** A month as the API takes it. */
export const MONTH_PATTERN = /^(\d{4})-(0[1-9]|1[0-2])$/;

export interface AgencyCategory {
  id: string;
  label: string;
}

interface StatsFile {
  categories: AgencyCategory[];
  map: Record<string, string | null>;
}

export interface MonthlyStats {
  month: string;
  timezone: string;
  /** Complaints (kind 'complaint') created in the month, per agency category, in the agency's order; zeros included. */
  rows: { category: string; label: string; count: number }[];
  total: number;
  /** Tips about recruiters (not complaints), counted apart. */
  tips: number;
  source: string;
}

let stats: StatsFile | undefined;

/** The agency's categories and the mapping from stored category ids. */
export function categoryStats(): StatsFile {
  stats ??= JSON.parse(fs.readFileSync(path.join(SHIPPED_DATA_DIR, 'categoryStats.json'), 'utf8')) as StatsFile;
  return stats;
}

/** The agency category a stored category id counts under (null: not a complaint; unknown ids: "lainnya"). */
export function agencyCategoryOf(category: string): string | null {
  const m = categoryStats().map;
  return category in m ? m[category] : 'lainnya';
}

/** Counts one month's complaints by the agency's categories; throws on a malformed month. */
export function monthlyStats(db: DB, month: string, timezone: string): MonthlyStats {
  const m = MONTH_PATTERN.exec(month);
  if (!m) throw new Error(`month must be YYYY-MM, got "${month}"`);
  const start = DateTime.fromObject({ year: Number(m[1]), month: Number(m[2]), day: 1 }, { zone: timezone });
  const end = start.plus({ months: 1 });
  const rows = db
    .prepare("SELECT category, COUNT(*) AS n FROM cases WHERE kind = 'complaint' AND created_at >= ? AND created_at < ? GROUP BY category")
    .all(start.toMillis(), end.toMillis()) as { category: string; n: number }[];
  const counts = new Map<string, number>();
  let tips = 0;
  for (const r of rows) {
    const a = agencyCategoryOf(r.category);
    if (a === null) tips += r.n;
    else counts.set(a, (counts.get(a) ?? 0) + r.n);
  }
  const out = categoryStats().categories.map((c) => ({ category: c.id, label: c.label, count: counts.get(c.id) ?? 0 }));
  return { month, timezone, rows: out, total: out.reduce((s, r) => s + r.count, 0), tips, source: 'data/categoryStats.json' };
}
