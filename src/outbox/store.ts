/** The outbox table: rows are written with the turn that produced them and delivered later. */
import type { ChannelName, Lang, Outbound } from '../core/types.js';
import type { DB } from '../store/db.js';

/** Lower goes first. `urgent` is the urgent lane: emergency words and messages to and from urgent cases. */
export const PRIORITY = { urgent: -1, reply: 0, urgentBroadcast: 1, broadcast: 2 } as const;
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

/** Why a row waits: the contact's safe time, or (WhatsApp) the contact's answer to a template. */
export type HoldReason = 'safe_time' | 'reply_window';

export interface Hold {
  until: number;
  reason: HoldReason;
}

export interface EnqueueInput {
  channel: ChannelName;
  chatId: string;
  contactId: number | null;
  payload: Outbound;
  priority?: Priority;
  broadcastId?: number | null;
  /** Not before this time (the contact's safe time); see notifier.ts. */
  hold?: Hold | null;
}

/** Messages to one contact that are being held, and until when (the earliest). */
export interface HeldSummary {
  count: number;
  until: number;
  reason: HoldReason;
}

/** A condition in SQL with its parameters; `c` names the contacts table. */
export interface SqlCondition {
  sql: string;
  params: (string | number | null)[];
}

/** One already-rendered message for every contact of an audience (a broadcast). */
export interface AudienceMessage {
  /** Who gets a row: a condition over `contacts c`. */
  audience: SqlCondition;
  /** The payload per language; a contact without a language reads `defaultLang`'s. */
  payloads: Record<Lang, Outbound>;
  defaultLang: Lang;
  priority: Priority;
  broadcastId: number;
  /** Recipients matching this get a 'skipped' row with `reason`: counted and shown, never sent. */
  skip?: SqlCondition & { reason: string };
}

/** What `enqueueAudience` wrote. */
export interface AudienceRows {
  /** Rows written: deliverable plus skipped. */
  rows: number;
  skipped: number;
  /** Channels that got deliverable rows (to wake after commit). */
  channels: ChannelName[];
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
  private readonly releaseHeld;
  private readonly anyHeld;
  private readonly urgentDue;

  constructor(private readonly db: DB) {
    this.insert = db.prepare<[string, string, number | null, string, number, number | null, number, number | null, string | null, number]>(
      `INSERT INTO outbox (channel, chat_id, contact_id, payload, priority, broadcast_id, next_attempt_at, hold_until, hold_reason, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    // A row is due when its time came and no earlier row of the same chat and priority is unsent:
    // this keeps each conversation in order while letting replies overtake broadcasts. A row that
    // is held (safe time, waiting for an answer) does not keep the rows after it waiting.
    this.due = db.prepare<[string, number, number, number], DbRow>(
      `SELECT o.id, o.channel, o.chat_id, o.contact_id, o.payload, o.priority, o.attempts, o.broadcast_id
       FROM outbox o
       WHERE o.state = 'pending' AND o.channel = ? AND o.next_attempt_at <= ?
         AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.channel = o.channel AND p.chat_id = o.chat_id
                         AND p.state IN ('pending', 'sending') AND p.priority = o.priority AND p.id < o.id
                         AND (p.hold_until IS NULL OR p.hold_until <= ?))
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
    this.releaseHeld = db.prepare<[number, number, string]>(
      `UPDATE outbox SET next_attempt_at = ?, hold_until = NULL, hold_reason = NULL
       WHERE contact_id = ? AND hold_reason = ? AND state = 'pending' RETURNING channel`,
    );
    this.anyHeld = db.prepare<[number, string]>("SELECT 1 FROM outbox WHERE contact_id = ? AND hold_reason = ? AND state = 'pending' LIMIT 1");
    this.urgentDue = db.prepare<[string, number]>(
      `SELECT 1 FROM outbox WHERE state = 'pending' AND priority < ${PRIORITY.reply} AND channel = ? AND next_attempt_at <= ? LIMIT 1`,
    );
  }

  enqueue(row: EnqueueInput, now: number): number {
    const hold = row.hold && row.hold.until > now ? row.hold : null;
    return Number(
      this.insert.run(
        row.channel,
        row.chatId,
        row.contactId,
        JSON.stringify(row.payload),
        row.priority ?? PRIORITY.reply,
        row.broadcastId ?? null,
        hold ? hold.until : now,
        hold ? hold.until : null,
        hold ? hold.reason : null,
        now,
      ).lastInsertRowid,
    );
  }

  /** After a send attempt the channel held the row (see SendError 'held'): back to pending, not before `until`. */
  markHeld(id: number, until: number, reason: HoldReason, note: string): void {
    this.db
      .prepare("UPDATE outbox SET state = 'pending', next_attempt_at = ?, hold_until = ?, hold_reason = ?, last_error = ? WHERE id = ?")
      .run(until, until, reason, note.slice(0, 500), id);
  }

  /** Releases a contact's held rows of one reason to go out now; returns how many, and their channels. */
  release(contactId: number, now: number, reason: HoldReason): { count: number; channels: ChannelName[] } {
    // Runs in every turn (reply_window), served by the outbox_held index; almost always nothing is
    // held, and looking is several times cheaper than an UPDATE that changes nothing.
    if (this.anyHeld.get(contactId, reason) === undefined) return { count: 0, channels: [] };
    const rows = this.releaseHeld.all(now, contactId, reason) as { channel: ChannelName }[];
    return { count: rows.length, channels: [...new Set(rows.map((r) => r.channel))] };
  }

  /** How many times the row now being sent to this chat was already held for an answer (its attempts so far). */
  answerRounds(channel: ChannelName, chatId: string): number {
    return (
      (this.db
        .prepare("SELECT MAX(attempts) FROM outbox WHERE channel = ? AND chat_id = ? AND state = 'sending' AND hold_reason = 'reply_window'")
        .pluck()
        .get(channel, chatId) as number | null) ?? 0
    );
  }

  /** True when a row to this chat is waiting for the contact's answer (a template already asked for it). */
  awaitingAnswer(channel: ChannelName, chatId: string): boolean {
    return (
      this.db
        .prepare("SELECT 1 FROM outbox WHERE channel = ? AND chat_id = ? AND state = 'pending' AND hold_reason = 'reply_window' LIMIT 1")
        .get(channel, chatId) !== undefined
    );
  }

  /**
   * Writes one row per recipient of an audience in ONE statement (`INSERT … SELECT … FROM
   * contacts`, the payload per language chosen by CASE): recipients never pass through JavaScript,
   * so 100,000 of them cost one SQLite statement. Call inside the caller's transaction.
   */
  enqueueAudience(msg: AudienceMessage, now: number): AudienceRows {
    const langs = Object.keys(msg.payloads) as Lang[];
    const skip = msg.skip;
    const sql = `
      INSERT INTO outbox (channel, chat_id, contact_id, payload, priority, state, last_error, broadcast_id, next_attempt_at, created_at)
      SELECT c.channel, c.chat_id, c.id,
             CASE COALESCE(c.language, ?) ${langs.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END,
             ?,
             ${skip ? `CASE WHEN ${skip.sql} THEN 'skipped' ELSE 'pending' END` : "'pending'"},
             ${skip ? `CASE WHEN ${skip.sql} THEN ? ELSE NULL END` : 'NULL'},
             ?, ?, ?
      FROM contacts c
      WHERE ${msg.audience.sql}`;
    const params: (string | number | null)[] = [msg.defaultLang];
    for (const l of langs) params.push(l, JSON.stringify(msg.payloads[l]));
    params.push(JSON.stringify(msg.payloads[msg.defaultLang]), msg.priority);
    if (skip) params.push(...skip.params, ...skip.params, skip.reason);
    params.push(msg.broadcastId, now, now, ...msg.audience.params);
    const rows = this.db.prepare(sql).run(...params).changes;
    const skipped = this.db
      .prepare("SELECT COUNT(*) FROM outbox WHERE broadcast_id = ? AND state = 'skipped'")
      .pluck()
      .get(msg.broadcastId) as number;
    const channels = this.db
      .prepare("SELECT DISTINCT channel FROM outbox WHERE broadcast_id = ? AND state = 'pending'")
      .pluck()
      .all(msg.broadcastId) as ChannelName[];
    return { rows, skipped, channels };
  }

  /**
   * Puts a first line in front of a broadcast's rows for discreet contacts (what a notification
   * shows), in each one's language; `lines` holds the line per language.
   */
  prefixDiscreet(broadcastId: number, lines: Record<Lang, string>, defaultLang: Lang): number {
    const langs = Object.keys(lines) as Lang[];
    const params: (string | number)[] = [defaultLang];
    for (const l of langs) params.push(l, lines[l]);
    params.push(lines[defaultLang], broadcastId);
    return this.db
      .prepare(
        `UPDATE outbox SET payload = json_set(payload, '$.text',
           (CASE COALESCE(c.language, ?) ${langs.map(() => 'WHEN ? THEN ?').join(' ')} ELSE ? END) || char(10) || char(10) || json_extract(payload, '$.text'))
         FROM contacts c WHERE outbox.contact_id = c.id AND c.discreet = 1 AND outbox.broadcast_id = ?`,
      )
      .run(...params).changes;
  }

  /** Due rows for a channel, best first; the caller claims each before sending. */
  dueRows(channel: ChannelName, now: number, limit: number): OutboxRow[] {
    return this.due.all(channel, now, now, limit).map((r) => ({
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

  /** Rows of these channels waiting or being sent whose time has come (0: nothing left to deliver now). */
  dueCount(channels: ChannelName[], now: number): number {
    if (!channels.length) return 0;
    return this.db
      .prepare(`SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending') AND channel IN (${channels.map(() => '?').join(',')}) AND next_attempt_at <= ?`)
      .pluck()
      .get(...channels, now) as number;
  }

  /** True when an urgent-lane row of this channel is due (checked when new rows were committed mid-round). */
  hasUrgentDue(channel: ChannelName, now: number): boolean {
    return this.urgentDue.get(channel, now) !== undefined;
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

  /** Deletes finished rows created before a time (retention: they hold rendered text); returns how many. */
  purgeFinishedBefore(time: number): number {
    return this.db
      .prepare("DELETE FROM outbox WHERE state IN ('sent', 'failed', 'skipped', 'cancelled') AND created_at < ?")
      .run(time).changes;
  }

  /** Cancels a broadcast's rows not yet handed to a channel (one being sent finishes); returns how many. */
  cancelBroadcastRows(broadcastId: number): number {
    return this.db
      .prepare("UPDATE outbox SET state = 'cancelled', last_error = 'broadcast cancelled' WHERE broadcast_id = ? AND state = 'pending'")
      .run(broadcastId).changes;
  }

  /** Deletes the finished rows of a contact (they hold rendered text); queued ones still go out. */
  forgetFinished(contactId: number): number {
    return this.db
      .prepare("DELETE FROM outbox WHERE contact_id = ? AND state IN ('sent', 'failed', 'skipped', 'cancelled')")
      .run(contactId).changes;
  }

  counts(): Record<OutboxState, number> {
    const out: Record<OutboxState, number> = { pending: 0, sending: 0, sent: 0, failed: 0, skipped: 0, cancelled: 0 };
    for (const r of this.db.prepare('SELECT state, COUNT(*) AS n FROM outbox GROUP BY state').all() as { state: OutboxState; n: number }[]) {
      out[r.state] = r.n;
    }
    return out;
  }
}

/** What is held for a contact right now, earliest release first (undefined when nothing is). */
export function heldSummary(db: DB, contactId: number, now: number, reason?: HoldReason): HeldSummary | undefined {
  // SQLite takes the bare column hold_reason from the row holding MIN(hold_until).
  const r = db
    .prepare(
      `SELECT COUNT(*) AS count, MIN(hold_until) AS until, hold_reason AS reason FROM outbox
       WHERE contact_id = ? AND state = 'pending' AND hold_until > ?${reason ? ' AND hold_reason = ?' : ''}`,
    )
    .get(...(reason ? [contactId, now, reason] : [contactId, now])) as { count: number; until: number | null; reason: HoldReason | null };
  return r.count && r.until !== null && r.reason ? { count: r.count, until: r.until, reason: r.reason } : undefined;
}

/** Moves a contact's safe-time holds to a new time (null: release now) after the contact changed its window. */
export function rescheduleSafeTimeHolds(db: DB, contactId: number, until: number | null, now: number): number {
  return db
    .prepare(
      `UPDATE outbox SET next_attempt_at = ?, hold_until = ?, hold_reason = CASE WHEN ? IS NULL THEN NULL ELSE hold_reason END
       WHERE contact_id = ? AND state = 'pending' AND hold_reason = 'safe_time'`,
    )
    .run(until ?? now, until, until, contactId).changes;
}

/** Releases a contact's safe-time holds now (an officer chose "send now"); returns how many. */
export function releaseSafeTimeHolds(db: DB, contactId: number, now: number): number {
  return rescheduleSafeTimeHolds(db, contactId, null, now);
}
