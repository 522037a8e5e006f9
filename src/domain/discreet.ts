/** Discreet mode: which of the bot's sent messages carry a case (reference or PIN), for deleting them. */
import type { Outbound } from '../core/types.js';
import type { DB } from '../store/db.js';

/** True when a sent message shows a case reference (`PREFIX-YYMM-NNNN`) or a PIN. */
export function carriesCase(text: string, prefix: string): boolean {
  return new RegExp(`\\b${prefix}-\\d{4}-\\d{3,}\\b`, 'i').test(text) || /\bPIN\b/.test(text);
}

/**
 * Platform ids of the bot's messages delivered to a contact on Telegram since `since`, oldest
 * first: all of them, or only those carrying a case when `casePrefix` is given.
 */
export function deletableMessages(db: DB, contactId: number, since: number, casePrefix?: string): string[] {
  const rows = db
    .prepare(
      `SELECT platform_message_id AS id, payload FROM outbox
       WHERE contact_id = ? AND channel = 'telegram' AND state = 'sent' AND platform_message_id IS NOT NULL AND sent_at >= ? ORDER BY id`,
    )
    .all(contactId, since) as { id: string; payload: string }[];
  return rows.filter((r) => casePrefix === undefined || carriesCase((JSON.parse(r.payload) as Outbound).text, casePrefix)).map((r) => r.id);
}
