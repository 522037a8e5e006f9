/**
 * Who a broadcast goes to. An audience is plain JSON (stored in broadcasts.audience) and turns into
 * a SQL condition over `contacts c`, so recipients are selected by SQLite, never loaded into memory.
 *
 * Everyone selected must have said yes to announcements (subscribed = 1): a contact never asked
 * (NULL) or opted out (0) gets nothing, and neither does a contact that blocked the bot. That holds
 * for "people who said yes to a gathering" too.
 */
import { z } from 'zod';
import { LANGUAGES, type Lang } from '../../core/types.js';
import type { Text } from '../../conversation/flow.js';
import type { DB } from '../../store/db.js';
import { countryByCode } from '../reference.js';
import { formatAt, titleIn } from '../gatherings/time.js';

export const AUDIENCE_KINDS = ['everyone', 'workers', 'families', 'country', 'language', 'gathering'] as const;

export const audienceSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('everyone') }),
  z.object({ kind: z.literal('workers') }),
  z.object({ kind: z.literal('families') }),
  z.object({ kind: z.literal('country'), country: z.string().regex(/^[A-Za-z]{2}$/).transform((s) => s.toUpperCase()) }),
  z.object({ kind: z.literal('language'), language: z.enum(LANGUAGES) }),
  // Without occurrenceId: yes to any occurrence of the series; with it: yes to that occurrence.
  z.object({ kind: z.literal('gathering'), gatheringId: z.number().int().positive(), occurrenceId: z.number().int().positive().optional() }),
]);
export type BroadcastAudience = z.infer<typeof audienceSchema>;

/** Contacts who may receive any broadcast at all (DESIGN §4: opt-in, not blocked). */
export const REACHABLE_SQL = 'c.subscribed = 1 AND c.unreachable_at IS NULL';

export class AudienceUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AudienceUnavailableError';
  }
}

// "People who said yes": answers are stored per occurrence (gathering_rsvps, migration 004).
const YES_TO_OCCURRENCE_SQL = "c.id IN (SELECT r.contact_id FROM gathering_rsvps r WHERE r.occurrence_id = ? AND r.answer = 'yes')";
const YES_TO_SERIES_SQL = `c.id IN (SELECT r.contact_id FROM gathering_rsvps r JOIN gathering_occurrences o ON o.id = r.occurrence_id
  WHERE o.gathering_id = ? AND r.answer = 'yes')`;

/** Throws AudienceUnavailableError unless the gathering (and the occurrence, when given, within it) exists. */
function checkGathering(db: DB, a: Extract<BroadcastAudience, { kind: 'gathering' }>): void {
  if (!db.prepare('SELECT 1 FROM gatherings WHERE id = ?').get(a.gatheringId)) throw new AudienceUnavailableError(`there is no gathering #${a.gatheringId}`);
  if (a.occurrenceId !== undefined && !db.prepare('SELECT 1 FROM gathering_occurrences WHERE id = ? AND gathering_id = ?').get(a.occurrenceId, a.gatheringId)) {
    throw new AudienceUnavailableError(`occurrence ${a.occurrenceId} is not part of gathering #${a.gatheringId} (see GET /api/gatherings)`);
  }
}

/** The SQL condition (over `contacts c`) and its parameters for an audience, reachability included. */
export function audienceWhere(db: DB, a: BroadcastAudience, defaultLang: Lang): { sql: string; params: (string | number)[] } {
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
      checkGathering(db, a);
      return a.occurrenceId === undefined
        ? { sql: `${REACHABLE_SQL} AND ${YES_TO_SERIES_SQL}`, params: [a.gatheringId] }
        : { sql: `${REACHABLE_SQL} AND ${YES_TO_OCCURRENCE_SQL}`, params: [a.occurrenceId] };
  }
}

/** Where describeAudience may look up a gathering's title and time (omit it for ids only). */
export interface AudienceLookup {
  db: DB;
  zone: string;
}

/** A translatable description of an audience, for previews and lists. */
export function describeAudience(a: BroadcastAudience, lang: Lang, lookup?: AudienceLookup): Text {
  switch (a.kind) {
    case 'country':
      return { key: 'broadcast.audience.countryOf', vars: { country: countryByCode(a.country)?.name[lang] ?? a.country } };
    case 'language':
      return { key: 'broadcast.audience.languageOf', vars: { language: { t: `common.langName.${a.language}` } } };
    case 'gathering':
      return describeGathering(a, lang, lookup);
    default:
      return { key: `broadcast.audience.${a.kind}` };
  }
}

/** "People who said yes to Family gathering (#3), Sunday 6 Dec 2026, 14:00" when the rows still exist. */
function describeGathering(a: Extract<BroadcastAudience, { kind: 'gathering' }>, lang: Lang, lookup?: AudienceLookup): Text {
  const row = lookup?.db.prepare('SELECT title FROM gatherings WHERE id = ?').get(a.gatheringId) as { title: string } | undefined;
  if (!lookup || !row) return { key: 'broadcast.audience.gatheringOf', vars: { id: a.gatheringId } };
  const title = titleIn(JSON.parse(row.title) as Record<string, string>, lang);
  const startsAt = a.occurrenceId === undefined ? undefined : (lookup.db.prepare('SELECT starts_at FROM gathering_occurrences WHERE id = ?').pluck().get(a.occurrenceId) as number | undefined);
  if (startsAt === undefined) return { key: 'broadcast.audience.gatheringSeries', vars: { id: a.gatheringId, title } };
  return { key: 'broadcast.audience.gatheringOccurrence', vars: { id: a.gatheringId, title, when: formatAt(startsAt, lookup.zone, lang) } };
}
