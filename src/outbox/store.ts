/** The outbox table: rows are written with the turn that produced them and delivered later. */
import type { ChannelName, Outbound } from '../core/types.js';
import type { DB } from '../store/db.js';

export const PRIORITY = { reply: 0, urgentBroadcast: 1, broadcast: 2 } as const;
export type Priority = (typeof PRIORITY)[keyof typeof PRIORITY];

export type OutboxState = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'cancelled';

export interface OutboxRow {
  id: number;
  channel: ChannelName;
  chatId: string;
  contactId: number | null;
  payload: Outbound;
  priority: Priority;
  attempts: number;
  broadcastId: number | null;
}

export interface EnqueueInput {
  channel: ChannelName;
  chatId: string;
  contactId: number | null;
  payload: Outbound;
  priority?: Priority;
  broadcastId?: number | null;
}

interface DbRow {
  id: number;
  channel: ChannelName;
  chat_id: string;
  contact_id: number | null;
  payload: string;
  priority: Priority;
  attempts: number;
  broadcast_id: number | null;
}

export class OutboxStore {
  private readonly insert;
  private readonly due;
  private readonly claim;
  private readonly sent;
  private readonly retry;
  private readonly fail;

  constructor(private readonly db: DB) {
    this.insert = db.prepare<[string, string, number | null, string, number, number | null, number, number]>(
      `INSERT INTO outbox (channel, chat_id, contact_id, payload, priority, broadcast_id, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A row is due when its time came and no earlier row of the same chat and priority is unsent:
    // this keeps each conversation in order while letting replies overtake broadcasts.
    this.due = db.prepare<[string, number, number], DbRow>(
      `SELECT o.id, o.channel, o.chat_id, o.contact_id, o.payload, o.priority, o.attempts, o.broadcast_id
       FROM outbox o
       WHERE o.state = 'pending' AND o.channel = ? AND o.next_attempt_at <= ?
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.channel = o.channel AND p.chat_id = o.chat_id
                         AND p.state IN ('pending', 'sending') AND p.priority = o.priority AND p.id < o.id)
       ORDER BY o.priority, o.id LIMIT ?`,
    );
    this.claim = db.prepare<[number]>("UPDATE outbox SET state = 'sending', attempts = attempts + 1 WHERE id = ? AND state = 'pending'");
    this.sent = db.prepare<[string | null, number, number]>(
      "UPDATE outbox SET state = 'sent', platform_message_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
    );
    this.retry = db.prepare<[number, string, number]>(
      "UPDATE outbox SET state = 'pending', next_attempt_at = ?, last_error = ? WHERE id = ?",
    );
    this.fail = db.prepare<[string, string, number]>('UPDATE outbox SET state = ?, last_error = ? WHERE id = ?');
  }

  enqueue(row: EnqueueInput, now: number): number {
    return Number(
      this.insert.run(
        row.channel,
        row.chatId,
        row.contactId,
        JSON.stringify(row.payload),
        row.priority ?? PRIORITY.reply,
        row.broadcastId ?? null,
        now,
        now,
      ).lastInsertRowid,
    );
  }

  /** Due rows for a channel, best first; the caller claims each before sending. */
  dueRows(channel: ChannelName, now: number, limit: number): OutboxRow[] {
    return this.due.all(channel, now, limit).map((r) => ({
      id: r.id,
      channel: r.channel,
      chatId: r.chat_id,
      contactId: r.contact_id,
      payload: JSON.parse(r.payload) as Outbound,
      priority: r.priority,
      attempts: r.attempts,
      broadcastId: r.broadcast_id,
    }));
  }

  /** Marks a row as being sent; false if someone else (a cancel) changed it first. */
  claimRow(id: number): boolean {
    return this.claim.run(id).changes === 1;
  }

  markSent(id: number, platformMessageId: string | undefined, now: number): void {
    this.sent.run(platformMessageId ?? null, now, id);
  }

  markRetry(id: number, at: number, error: string): void {
    this.retry.run(at, error.slice(0, 500), id);
  }

  markFailed(id: number, error: string, state: 'failed' | 'skipped' = 'failed'): void {
    this.fail.run(state, error.slice(0, 500), id);
  }

  /** After a crash, rows left 'sending' may or may not have gone out: send them again (at least once). */
  resetInFlight(): number {
    return this.db.prepare("UPDATE outbox SET state = 'pending' WHERE state = 'sending'").run().changes;
  }

  /** Skips everything still queued for a chat that blocked us. */
  skipChat(channel: ChannelName, chatId: string, reason: string): number {
    return this.db
      .prepare("UPDATE outbox SET state = 'skipped', last_error = ? WHERE channel = ? AND chat_id = ? AND state = 'pending'")
      .run(reason, channel, chatId).changes;
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) {
      out[r.state] = r.n;
    }
    return out;
  }
}
