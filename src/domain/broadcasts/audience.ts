/**
 * Who a broadcast goes to. An audience is plain JSON (stored in broadcasts.audience) and turns into
 * a SQL condition over `contacts c`, so recipients are selected by SQLite, never loaded into memory.
 *
 * Everyone selected must have said yes to announcements (subscribed = 1): a contact never asked
 * (NULL) or opted out (0) gets nothing, and neither does a contact that blocked the bot.
 */
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { Text } from '../../conversation/flow.js';
import type { DB } from '../../store/db.js';
import { countryByCode } from '../reference.js';

export const AUDIENCE_KINDS = ['everyone', 'workers', 'families', 'country', 'language', 'gathering'] as const;

export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('workers') }),
  z.object({ kind: z.literal('families') }),
  z.object({ kind: z.literal('country'), country: z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase()) }),
  z.object({ kind: z.literal('language'), language: z.enum(LANGUAGES) }),
  z.object({ kind: z.literal('gathering'), gatheringId: z.number().int().positive() }),
]);
export type Audience = z.infer<typeof audienceSchema>;

/** Contacts who may receive any broadcast at all (DESIGN §4: opt-in, not blocked). */
export const REACHABLE_SQL = 'c.subscribed = 1 AND c.unreachable_at IS NULL';

export class AudienceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceUnavailableError';
  }
}

/**
 * True when the gatherings feature's `rsvps` table exists with the columns this audience needs.
 * MERGE: written before migration 004 (gatherings) was merged; the assumed shape is
 * rsvps(gathering_id, contact_id, answer 'yes'|...). Adjust RSVP_YES_SQL if 004 differs.
 */
export function rsvpsAvailable(db: DB): boolean {
  const cols = new Set((db.prepare("SELECT name FROM pragma_table_info('rsvps')").pluck().all() as string[]));
  return cols.has('gathering_id') && cols.has('contact_id') && cols.has('answer');
}

// MERGE: the query for "people who said yes to a gathering" against 004's rsvps table.
const RSVP_YES_SQL = "c.id IN (SELECT r.contact_id FROM rsvps r WHERE r.gathering_id = ? AND r.answer = 'yes')";

/** The SQL condition (over `contacts c`) and its parameters for an audience, reachability included. */
export function audienceWhere(db: DB, a: Audience, defaultLang: Lang): { sql: string; params: (string | number)[] } {
  switch (a.kind) {
    case 'everyone':
      return { sql: REACHABLE_SQL, params: [] };
    case 'workers':
      return { sql: `${REACHABLE_SQL} AND c.audience = 'worker'`, params: [] };
    case 'families':
      return { sql: `${REACHABLE_SQL} AND c.audience = 'family'`, params: [] };
    case 'country':
      return { sql: `${REACHABLE_SQL} AND c.country = ?`, params: [a.country] };
    case 'language':
      return { sql: `${REACHABLE_SQL} AND COALESCE(c.language, ?) = ?`, params: [defaultLang, a.language] };
    case 'gathering':
      if (!rsvpsAvailable(db)) throw new AudienceUnavailableError('gathering audiences need the gatherings feature (rsvps table), which is not installed');
      return { sql: `${REACHABLE_SQL} AND ${RSVP_YES_SQL}`, params: [a.gatheringId] };
  }
}

/** A translatable description of an audience, for previews and lists. */
export function describeAudience(a: Audience, lang: Lang): Text {
  switch (a.kind) {
    case 'country':
      return { key: 'broadcast.audience.countryOf', vars: { country: countryByCode(a.country)?.name[lang] ?? a.country } };
    case 'language':
      return { key: 'broadcast.audience.languageOf', vars: { language: { t: `common.langName.${a.language}` } } };
    case 'gathering':
      return { key: 'broadcast.audience.gatheringOf', vars: { id: a.gatheringId } };
    default:
      return { key: `broadcast.audience.${a.kind}` };
  }
}
