/** Counting lookups so officers see which names people ask about. No contact or chat is stored. */
import type { DB } from '../../store/db.js';

/** Longest stored query (normalized); longer ones are cut. */
export const MAX_STORED_QUERY = 80;
/** A query of this many digits and nothing else may be a phone number: it is not stored as typed. */
const PHONE_LIKE = /^[0-9 +()-]{8,}$/;

export type LookupKind = 'licensed' | 'suspended' | 'revoked' | 'expired' | 'similar' | 'not_found';

/** Adds one to the day's count for (normalized query, result kind). */
export function countLookup(db: DB, day: string, typed: string, queryNorm: string, kind: LookupKind): void {
  const stored = kind === 'not_found' && PHONE_LIKE.test(typed.trim()) ? '[number]' : queryNorm.slice(0, MAX_STORED_QUERY) || '[empty]';
  db.prepare(
    `INSERT INTO agency_lookups (day, query_norm, result, count) VALUES (?, ?, ?, 1)
     ON CONFLICT (day, query_norm, result) DO UPDATE SET count = count + 1`,
  ).run(day, stored, kind);
}

export interface LookupCount {
  query: string;
  result: LookupKind;
  count: number;
}

/** The most asked queries since a day (inclusive), most frequent first. */
export function topLookups(db: DB, sinceDay: string, limit: number): LookupCount[] {
  return db
    .prepare(
      `SELECT query_norm AS query, result, SUM(count) AS count FROM agency_lookups WHERE day >= ?
       GROUP BY query_norm, result ORDER BY count DESC, query_norm LIMIT ?`,
    )
    .all(sinceDay, limit) as LookupCount[];
}
