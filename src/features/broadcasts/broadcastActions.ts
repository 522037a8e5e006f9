/** Actions, checks and option sources of the broadcast flows (compose, follow, cancel, opt in). */
import { broadcastNeedsAdmin, chatRole } from '../../domain/officers/permissions.js';
import type { Action } from '../../conversation/actions.js';
import type { Check, Data, Json, OptionSource, Text, VarValue } from '../../conversation/flow.js';
import { LANGUAGES, type Lang } from '../../core/types.js';
import { type BroadcastAudience, type AudienceLookup, AudienceUnavailableError, audienceSchema, describeAudience } from '../../domain/broadcasts/audience.js';
import { countRecipients } from '../../domain/broadcasts/enqueue.js';
import { type BroadcastTexts, MAX_BROADCAST_CHARS, missingLanguages } from '../../domain/broadcasts/payload.js';
import { formatHomeTime, parseSendTime, zoneLabel } from '../../domain/broadcasts/sendTime.js';
import { type Broadcast, cancelBroadcast, createBroadcast, listBroadcasts, progress, refreshState } from '../../domain/broadcasts/store.js';
import { counts, recentlyEnded, upcoming } from '../../domain/gatherings/store.js';
import { formatAt, titleIn } from '../../domain/gatherings/time.js';
import { getCountries } from '../../domain/reference.js';
import type { DB } from '../../store/db.js';

/** Gatherings offered when choosing "people who said yes to a gathering" (upcoming ones). */
export const GATHERING_CHOICES = 9;
/** Occurrences that ended within this long are offered too (a thank-you, a recording link). */
export const RECENT_GATHERING_MS = 7 * 86400_000;
/** Of which at most this many recently ended ones. */
export const RECENT_GATHERING_CHOICES = 3;

/** One occurrence offered in the composer (kept in the flow's data between turns). */
interface GatheringChoice {
  occurrenceId: number;
  gatheringId: number;
  title: string;
  when: string;
  yes: number;
}

function gatheringChoices(data: Data): GatheringChoice[] {
  return (Array.isArray(data.gatherings) ? data.gatherings : []) as unknown as GatheringChoice[];
}

/** A Text with key as a translatable var value. */
function asVar(t: Text): VarValue {
  return 'key' in t ? { t: t.key, vars: t.vars } : '';
}

/** The audience the officer picked in the flow's data. */
export function audienceFromData(data: Data): BroadcastAudience {
  const kind = data.aKind;
  if (kind === 'country') return audienceSchema.parse({ kind, country: data.aValue });
  if (kind === 'language') return audienceSchema.parse({ kind, language: data.aValue });
  if (kind === 'gathering') {
    const choice = gatheringChoices(data).find((g) => g.occurrenceId === Number(data.aValue));
    return audienceSchema.parse({ kind, gatheringId: choice?.gatheringId, occurrenceId: choice?.occurrenceId });
  }
  return audienceSchema.parse({ kind });
}

function textsFromData(data: Data): BroadcastTexts {
  const t = (data.texts ?? {}) as Record<string, Json>;
  const str = (v: Json | undefined) => (typeof v === 'string' && v.trim() ? v : null);
  return { id: String(t.id ?? ''), en: str(t.en), jv: str(t.jv) };
}

/** Preview lines: audience, count, time, priority, each language's text or the fallback warning. */
export function previewLines(
  b: { audience: BroadcastAudience; texts: BroadcastTexts; urgent: boolean; at: number | null },
  count: { recipients: number; skipped: number },
  lang: Lang,
  zone: string,
  lookup?: AudienceLookup,
): Text[] {
  const lines: Text[] = [
    { key: 'broadcast.previewTitle' },
    { key: 'broadcast.previewAudience', vars: { audience: asVar(describeAudience(b.audience, lang, lookup)) } },
    { key: 'broadcast.previewCount', vars: { count: count.recipients } },
  ];
  if (count.skipped) lines.push({ key: 'broadcast.previewSkipped', vars: { skipped: count.skipped } });
  if (!count.recipients) lines.push({ key: 'broadcast.previewZero' });
  lines.push(
    b.at === null
      ? { key: 'broadcast.previewNow' }
      : { key: 'broadcast.previewAt', vars: { time: formatHomeTime(b.at, zone), zone: zoneLabel(zone, b.at) } },
  );
  lines.push({ key: b.urgent ? 'broadcast.previewUrgent' : 'broadcast.previewNormal' });
  const missing = missingLanguages(b.texts);
  for (const l of LANGUAGES) {
    lines.push({ raw: '' }, { key: 'broadcast.previewText', vars: { language: { t: `common.langName.${l}` } } });
    if (missing.includes(l)) lines.push({ key: 'broadcast.missingLanguage', vars: { language: { t: `common.langName.${l}` } } });
    else lines.push({ raw: b.texts[l] as string });
  }
  return lines;
}

/** One line per broadcast with its progress, for `/broadcasts`. */
export function broadcastListText(db: DB, list: Broadcast[], lang: Lang, zone?: string): Text {
  if (!list.length) return { key: 'broadcast.listEmpty' };
  const lines: Text[] = [{ key: 'broadcast.listTitle' }];
  for (const b of list) {
    const p = progress(db, b.id);
    lines.push({
      key: 'broadcast.listItem',
      vars: {
        id: b.id,
        state: { t: `broadcast.state.${b.state}` },
        audience: asVar(describeAudience(b.audience, lang, zone ? { db, zone } : undefined)),
        sent: p.sent,
        failed: p.failed,
        skipped: p.skipped,
        remaining: p.remaining,
      },
    });
  }
  return { lines };
}

const begin: Action = (ctx) => ({ set: { tz: ctx.config.HOME_TIMEZONE, zone: zoneLabel(ctx.config.HOME_TIMEZONE, ctx.now) } });

/** Loads the occurrences an officer may address (recently ended, then upcoming) into the flow's data. */
const loadGatherings: Action = (ctx) => {
  const lang = ctx.lang;
  const zone = ctx.config.HOME_TIMEZONE;
  const occurrences = [
    ...recentlyEnded(ctx.db, ctx.now, ctx.now - RECENT_GATHERING_MS, RECENT_GATHERING_CHOICES).reverse(),
    ...upcoming(ctx.db, ctx.now, GATHERING_CHOICES),
  ];
  if (!occurrences.length) return { outcome: 'none' };
  const choices: GatheringChoice[] = occurrences.map((o) => ({
    occurrenceId: o.id,
    gatheringId: o.gatheringId,
    title: titleIn(o.title, lang),
    when: formatAt(o.startsAt, zone, lang),
    yes: counts(ctx.db, o.id).yes,
  }));
  return { set: { gatherings: choices as unknown as Json } };
};

const preview: Action = (ctx) => {
  const audience = audienceFromData(ctx.data);
  const texts = textsFromData(ctx.data);
  const at = typeof ctx.data.at === 'number' ? ctx.data.at : null;
  try {
    const count = countRecipients(ctx.db, audience, ctx.config.DEFAULT_LANGUAGE, ctx.now);
    const lang = ctx.lang;
    const urgent = ctx.data.urgent === true;
    const zone = ctx.config.HOME_TIMEZONE;
    return { replies: [{ text: { lines: previewLines({ audience, texts, urgent, at }, count, lang, zone, { db: ctx.db, zone }) } }] };
  } catch (err) {
    if (err instanceof AudienceUnavailableError) return { outcome: 'unavailable', replies: [{ text: { key: 'broadcast.unavailable' } }] };
    throw err;
  }
};

const create: Action = (ctx) => {
  const at = typeof ctx.data.at === 'number' ? ctx.data.at : null;
  // Roles hold in chat too: a broadcast to everyone or to many people is an admin's.
  if (chatRole(ctx.db, ctx.contact.id) !== 'admin') {
    const { recipients } = countRecipients(ctx.db, audienceFromData(ctx.data), ctx.config.DEFAULT_LANGUAGE, ctx.now);
    if (broadcastNeedsAdmin(audienceFromData(ctx.data).kind, recipients, ctx.config.BROADCAST_OFFICER_MAX_RECIPIENTS)) {
      ctx.audit('role_refused', 'chat /broadcast', 'broadcast.large');
      return { replies: [{ text: { key: 'broadcast.adminOnly', vars: { max: ctx.config.BROADCAST_OFFICER_MAX_RECIPIENTS } } }] };
    }
  }
  const { broadcast } = createBroadcast(
    { db: ctx.db, translator: ctx.translator, defaultLang: ctx.config.DEFAULT_LANGUAGE, dataDir: ctx.config.DATA_DIR },
    ctx.out,
    {
      audience: audienceFromData(ctx.data),
      texts: textsFromData(ctx.data),
      urgent: ctx.data.urgent === true,
      scheduledAt: at,
      createdBy: `contact:${ctx.contact.id}`,
    },
    ctx.now,
  );
  ctx.audit('broadcast_created', `broadcast:${broadcast.id}`, JSON.stringify({ audience: broadcast.audience, urgent: broadcast.urgent, scheduledAt: at }));
  const zone = ctx.config.HOME_TIMEZONE;
  if (broadcast.state === 'scheduled' && broadcast.scheduledAt !== null) {
    const vars = { id: broadcast.id, time: formatHomeTime(broadcast.scheduledAt, zone), zone: zoneLabel(zone, broadcast.scheduledAt) };
    return { replies: [{ text: { key: 'broadcast.scheduled', vars } }] };
  }
  return { replies: [{ text: { key: 'broadcast.queued', vars: { id: broadcast.id, count: broadcast.recipients ?? 0 } } }] };
};

const list: Action = (ctx) => {
  const items = listBroadcasts(ctx.db);
  for (const b of items) if (b.state === 'queued' || b.state === 'sending') b.state = refreshState(ctx.db, b.id, ctx.now) ?? b.state;
  return { replies: [{ text: broadcastListText(ctx.db, items, ctx.lang, ctx.config.HOME_TIMEZONE) }] };
};

const cancel: Action = (ctx, args) => {
  const raw = String(args.id ?? '').replace(/^#/, '').trim();
  const id = /^\d{1,9}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isFinite(id) || !cancelBroadcast(ctx.db, id, ctx.now)) {
    return { replies: [{ text: { key: 'broadcast.cancelNotFound', vars: { id: raw || '?' } } }] };
  }
  ctx.audit('broadcast_cancelled', `broadcast:${id}`);
  return { replies: [{ text: { key: 'broadcast.cancelled', vars: { id } } }] };
};

const optIn: Action = () => ({ contact: { subscribed: true }, replies: [{ text: { key: 'common.subscribed' } }] });
const optOut: Action = () => ({ contact: { subscribed: false }, replies: [{ text: { key: 'broadcast.optedOut' } }] });

export const broadcastActions: Record<string, Action> = {
  'broadcast.begin': begin,
  'broadcast.loadGatherings': loadGatherings,
  'broadcast.preview': preview,
  'broadcast.create': create,
  'broadcast.list': list,
  'broadcast.cancel': cancel,
  'broadcast.optIn': optIn,
  'broadcast.optOut': optOut,
};

export const broadcastChecks: Record<string, Check> = {
  'broadcast.text': ({ text }) =>
    text.length > MAX_BROADCAST_CHARS ? { ok: false, error: { key: 'broadcast.textTooLong', vars: { max: String(MAX_BROADCAST_CHARS) } } } : { ok: true, value: text },
  'broadcast.when': ({ text, data, now }) => {
    const r = parseSendTime(text, typeof data.tz === 'string' ? data.tz : 'Asia/Jakarta', now);
    if (r.ok) return { ok: true, value: r.at };
    return { ok: false, error: { format: 'broadcast.whenFormat', past: 'broadcast.whenPast', tooFar: 'broadcast.whenTooFar' }[r.reason] };
  },
};

export const broadcastSources: Record<string, OptionSource> = {
  'broadcast.countries': (_data, contact) => getCountries().map((c) => ({ label: { raw: c.name[contact.lang ?? 'id'] }, value: c.code })),
  'broadcast.languages': () => LANGUAGES.map((l) => ({ label: { key: `common.langName.${l}` }, value: l })),
  'broadcast.gatherings': (data) =>
    gatheringChoices(data).map((g) => ({
      label: { key: 'broadcast.gatheringChoice', vars: { id: g.gatheringId, title: g.title, when: g.when, yes: g.yes } },
      value: g.occurrenceId,
    })),
};
