/**
 * Applies platform delivery receipts (WhatsApp Cloud API status callbacks) to the outbox row they belong to. Meta does not promise the
 * order (read may arrive before delivered), so a status only ever moves a row forward:
 * sent < delivered < read, and 'failed' is final and keeps its error.
 */
import type { DB } from '../store/db.js';

/** A receipt for a sent message, by the platform's message id. */
export interface DeliveryReceipt {
  platformMessageId: string;
  status: string;
  error?: string | null;
}

const RANK_SQL = (col: string) => `CASE ${col} WHEN 'sent' THEN 1 WHEN 'delivered' THEN 2 WHEN 'read' THEN 3 WHEN 'failed' THEN 9 ELSE 0 END`;

/** Prepares the update; returns a function that applies one status and tells whether a row changed. */
export function prepareDeliveryStatusUpdate(db: DB): (update: DeliveryReceipt) => boolean {
  const stmt = db.prepare<{ status: string; error: string | null; wamid: string }>(
    `UPDATE outbox
        SET delivery_status = :status,
            last_error = CASE WHEN :status = 'failed' THEN :error ELSE last_error END
      WHERE channel = 'whatsapp-cloud' AND platform_message_id = :wamid
        AND ${RANK_SQL('delivery_status')} < ${RANK_SQL(':status')}`,
  );
  return (u) => stmt.run({ status: u.status, error: u.error ?? null, wamid: u.platformMessageId }).changes > 0;
}
