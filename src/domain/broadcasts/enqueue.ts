/**
 * Who a broadcast reaches and how its rows are queued: the audience as a condition over contacts,
 * one payload per language, and a 'skipped' row where the channel forbids sending. The outbox
 * writes all rows in ONE statement, so 100,000 recipients cost no memory per recipient.
 */
import type { Lang, OutboundMedia } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import { PRIORITY } from '../../outbox/store.js';
import type { Outgoing } from '../../outbox/notifier.js';
import type { DB } from '../../store/db.js';
import { KeyValueStore } from '../../store/kv.js';
import { type BroadcastAudience, audienceWhere } from './audience.js';
import { type BroadcastTexts, renderBroadcastPayloads } from './payload.js';

/** WhatsApp Cloud API allows free-form messages only this long after the user's last message. */
export const CLOUD_WINDOW_MS = 24 * 3600_000;
export const WINDOW_SKIP_REASON = 'outside the WhatsApp 24-hour window (no approved template)';

// A recipient on the Cloud API whose window is closed gets a 'skipped' row: counted and shown, not
// sent, unless an announcement template is configured (then the template asks them to answer, and
// the announcement follows their answer).
const OUTSIDE_WINDOW_SQL = "c.channel = 'whatsapp-cloud' AND (c.last_inbound_at IS NULL OR c.last_inbound_at < ?)";
/** kv key the WhatsApp Cloud channel sets to the announcement template's name when one is configured. */
export const ANNOUNCEMENT_TEMPLATE_KEY = 'whatsapp-cloud:announcement-template';

/** True when Cloud contacts outside the 24-hour window can be reached by the announcement template. */
export function announcementTemplateConfigured(db: DB): boolean {
  return new KeyValueStore(db).get(ANNOUNCEMENT_TEMPLATE_KEY) !== undefined;
}

export interface EnqueueSpec {
  broadcastId: number;
  audience: BroadcastAudience;
  texts: BroadcastTexts;
  urgent: boolean;
  media?: OutboundMedia | null;
  /** The broadcast's verification code, printed under the text. */
  verifyCode?: string | null;
}

export interface RecipientCount {
  /** Rows that are (or would be) written: deliverable plus skipped. */
  recipients: number;
  /** Of those, skipped because the channel forbids it (Cloud API window). */
  skipped: number;
}

/** Counts who a broadcast would reach now, without writing anything (for the preview). */
export function countRecipients(db: DB, audience: BroadcastAudience, defaultLang: Lang, now: number): RecipientCount {
  const where = audienceWhere(db, audience, defaultLang);
  if (announcementTemplateConfigured(db)) {
    return { recipients: db.prepare(`SELECT COUNT(*) FROM contacts c WHERE ${where.sql}`).pluck().get(...where.params) as number, skipped: 0 };
  }
  const row = db
    .prepare(`SELECT COUNT(*) AS n, COALESCE(SUM(CASE WHEN ${OUTSIDE_WINDOW_SQL} THEN 1 ELSE 0 END), 0) AS skipped FROM contacts c WHERE ${where.sql}`)
    .get(now - CLOUD_WINDOW_MS, ...where.params) as { n: number; skipped: number };
  return { recipients: row.n, skipped: row.skipped };
}

/**
 * Queues one outbox row per recipient through the turn's or job's `out` (call inside the
 * transaction that also moves the broadcast's state, so a broadcast is enqueued at most once).
 * Delivery on the channels that got rows is woken after the commit.
 */
export function enqueueBroadcastRows(db: DB, out: Outgoing, tr: Translator, defaultLang: Lang, spec: EnqueueSpec, now: number): RecipientCount {
  const payloads = renderBroadcastPayloads(tr, spec.texts, spec.urgent, spec.media, spec.verifyCode);
  // With an approved announcement template nobody is skipped for the WhatsApp window.
  const templated = announcementTemplateConfigured(db);
  if (templated) for (const p of Object.values(payloads)) p.template = { kind: 'announcement', params: [] };
  const cutoff = now - CLOUD_WINDOW_MS;
  const written = out.toAudience({
    audience: audienceWhere(db, spec.audience, defaultLang),
    payloads,
    defaultLang,
    priority: spec.urgent ? PRIORITY.urgentBroadcast : PRIORITY.broadcast,
    broadcastId: spec.broadcastId,
    skip: templated ? undefined : { sql: OUTSIDE_WINDOW_SQL, params: [cutoff], reason: WINDOW_SKIP_REASON },
  });
  return { recipients: written.rows, skipped: written.skipped };
}
