/**
 * Turns a broadcast into outbox rows in ONE statement: `INSERT INTO outbox ... SELECT ... FROM
 * contacts`, with the payload per language chosen by CASE. Recipients never pass through
 * JavaScript, so 100,000 of them cost one SQLite statement and no memory per recipient.
 */
import type { Lang, OutboundMedia } from '../../core/types.js';
import type { Translator } from '../../i18n.js';
import { holdBroadcastRows } from '../../outbox/notifier.js';
import { PRIORITY } from '../../outbox/store.js';
import type { DB } from '../../store/db.js';
import { type Audience, audienceWhere } from './audience.js';
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
  return db.prepare('SELECT 1 FROM kv WHERE key = ?').get(ANNOUNCEMENT_TEMPLATE_KEY) !== undefined;
}

export interface EnqueueSpec {
  broadcastId: number;
  audience: Audience;
  texts: BroadcastTexts;
  urgent: boolean;
  media?: OutboundMedia | null;
}

export interface RecipientCount {
  /** Rows that are (or would be) written: deliverable plus skipped. */
  recipients: number;
  /** Of those, skipped because the channel forbids it (Cloud API window). */
  skipped: number;
}

/** Counts who a broadcast would reach now, without writing anything (for the preview). */
export function countRecipients(db: DB, audience: Audience, defaultLang: Lang, now: number): RecipientCount {
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
 * Writes one outbox row per recipient (call inside a transaction that also moves the broadcast's
 * state, so a broadcast is enqueued at most once). Returns how many rows were written.
 */
export function enqueueBroadcastRows(db: DB, tr: Translator, defaultLang: Lang, spec: EnqueueSpec, now: number): RecipientCount {
  const payloads = renderBroadcastPayloads(tr, spec.texts, spec.urgent, spec.media);
  const templated = announcementTemplateConfigured(db);
  if (templated) for (const p of Object.values(payloads)) p.template = { kind: 'announcement', params: [] };
  const where = audienceWhere(db, spec.audience, defaultLang);
  // With a template nobody is skipped: the window test becomes "never" (same placeholder count).
  const outside = templated ? '(? IS NULL)' : OUTSIDE_WINDOW_SQL;
  const cutoff = now - CLOUD_WINDOW_MS;
  const sql = `
    INSERT INTO outbox (channel, chat_id, contact_id, payload, priority, state, last_error, broadcast_id, next_attempt_at, created_at)
    SELECT c.channel, c.chat_id, c.id,
           CASE COALESCE(c.language, ?) WHEN 'en' THEN ? WHEN 'jv' THEN ? ELSE ? END,
           ?,
           CASE WHEN ${outside} THEN 'skipped' ELSE 'pending' END,
           CASE WHEN ${outside} THEN ? ELSE NULL END,
           ?, ?, ?
    FROM contacts c
    WHERE ${where.sql}`;
  const info = db
    .prepare(sql)
    .run(
      defaultLang,
      JSON.stringify(payloads.en),
      JSON.stringify(payloads.jv),
      JSON.stringify(payloads.id),
      spec.urgent ? PRIORITY.urgentBroadcast : PRIORITY.broadcast,
      cutoff,
      cutoff,
      WINDOW_SKIP_REASON,
      spec.broadcastId,
      now,
      now,
      ...where.params,
    );
  const skipped = db
    .prepare("SELECT COUNT(*) FROM outbox WHERE broadcast_id = ? AND state = 'skipped'")
    .pluck()
    .get(spec.broadcastId) as number;
  holdBroadcastRows(db, spec.broadcastId, now);
  return { recipients: info.changes, skipped };
}
