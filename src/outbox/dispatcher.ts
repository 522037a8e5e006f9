/**
 * Delivers committed outbox rows through the channels: per channel, in order per chat, paced,
 * with retries. The urgent lane (priority -1: emergencies, urgent cases) comes first, then replies
 * (priority 0), so a long broadcast or a flood of chatter never holds up a person in danger.
 */
import type { Clock } from '../core/clock.js';
import { SendError } from '../core/errors.js';
import type { Channel, ChannelName } from '../core/types.js';
import { type Logger, chatTag } from '../logger.js';
import { PRIORITY, type OutboxRow, type OutboxStore } from './store.js';
import { Pacer, type PacingRule } from './pacing.js';
import { decideRetry } from './retry.js';

/** Rows fetched per round; small so that new replies are picked up quickly. */
export const DISPATCH_BATCH = 50;
/** How often an idle channel looks for retries that came due. */
export const IDLE_POLL_MS = 250;

/** When the database refuses outbox bookkeeping (locked by another process, disk full), wait this long, doubling up to the max. */
export const STORE_RETRY_MIN_MS = 500;
export const STORE_RETRY_MAX_MS = 30_000;

export const DEFAULT_PACING: PacingRule = { perSecond: 50, perChatGapMs: 0, concurrency: 4 };

export interface DispatcherHooks {
  /** The platform says the user blocked the bot. */
  onBlocked?(channel: ChannelName, chatId: string): void;
  /** A message was delivered (for broadcast progress and tests). */
  onSent?(row: OutboxRow, platformMessageId?: string): void;
  onFailed?(row: OutboxRow, error: string): void;
}

class ChannelLoop {
  private wake: (() => void) | null = null;
  private kicked = false;
  /** Kicks counted, and the count when the urgent lane was last looked at. */
  private kicks = 0;
  private urgentCheckedAt = 0;
  private inFlight = new Set<Promise<void>>();
  private readonly pacer: Pacer;
  stopped = false;
  done: Promise<void> = Promise.resolve();

  constructor(
    private readonly channel: Channel,
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly rule: PacingRule,
    private readonly hooks: DispatcherHooks,
  ) {
    // Pacing counts real milliseconds (platform limits), not the domain clock tests move by hand.
    this.pacer = new Pacer(rule);
  }

  start(): void {
    this.done = this.loop().catch((err) => {
      this.log.error({ err, channel: this.channel.name }, 'outbox loop crashed');
    });
  }

  kick(): void {
    this.kicked = true;
    this.kicks++;
    this.wake?.();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(done, ms);
      const self = this;
      function done() {
        clearTimeout(timer);
        self.wake = null;
        resolve();
      }
      this.wake = done;
    });
  }

  private async loop(): Promise<void> {
    let backoff = STORE_RETRY_MIN_MS;
    while (!this.stopped) {
      try {
        await this.round();
        backoff = STORE_RETRY_MIN_MS;
      } catch (err) {
        // The database refused a read or a claim: nothing was sent for that row; try again later.
        this.log.error({ channel: this.channel.name, error: err instanceof Error ? err.message : String(err), retryInMs: backoff }, 'outbox round failed (database locked or full?); retrying');
        await this.sleep(backoff);
        backoff = Math.min(STORE_RETRY_MAX_MS, backoff * 2);
      }
    }
    await Promise.allSettled(this.inFlight);
  }

  /** One pass over the due rows. */
  /** Waits out a pacing slot: a kick (new reply committed) must not cut it short; stop() does. */
  private async pause(ms: number): Promise<void> {
    const until = performance.now() + ms;
    for (let left = ms; left > 0 && !this.stopped; left = until - performance.now()) await this.sleep(left);
  }

  private async round(): Promise<void> {
    this.kicked = false;
    const rows = this.store.dueRows(this.channel.name, this.clock.now(), DISPATCH_BATCH);
    let sentSomething = false;
    let chatWait = Infinity;
    for (const row of rows) {
      // Refetch when new replies came in and this row is not a reply: they outrank it. Before a
      // reply row there is no need (replies keep id order), and refetching per row costs a query.
      if (this.stopped || (this.kicked && row.priority > PRIORITY.reply)) break;
      if (row.priority > PRIORITY.urgent && this.urgentArrived()) break;
      const chatDelay = this.pacer.chatDelay(row.chatId);
      if (chatDelay > 0) {
        chatWait = Math.min(chatWait, chatDelay);
        continue;
      }
      const wait = this.pacer.reserve();
      if (wait > 0) await this.pause(wait);
      if (this.stopped) break;
      if (!this.store.claimRow(row.id)) continue;
      this.pacer.noteSent(row.chatId);
      sentSomething = true;
      const p = this.sendOne(row).finally(() => this.inFlight.delete(p));
      this.inFlight.add(p);
      if (this.inFlight.size >= this.rule.concurrency) await Promise.race(this.inFlight);
    }
    // Rows of the same chat become due only after their predecessor settles.
    if (this.inFlight.size) await Promise.race(this.inFlight);
    else if (!sentSomething && !this.kicked) await this.sleep(Math.min(IDLE_POLL_MS, chatWait));
  }

  /**
   * The urgent lane: after new rows were committed, true when an urgent row is due, so the round
   * ends and the next one starts with it (one indexed probe per kick, not per row).
   */
  private urgentArrived(): boolean {
    if (this.urgentCheckedAt === this.kicks) return false;
    this.urgentCheckedAt = this.kicks;
    return this.store.hasUrgentDue(this.channel.name, this.clock.now());
  }

  /**
   * Writes the outcome of a send, retrying while the database refuses (locked, full): a delivered
   * message must be recorded as sent with its platform id, or it would be sent again.
   */
  private async persist(what: string, write: () => void): Promise<void> {
    for (let backoff = STORE_RETRY_MIN_MS; ; backoff = Math.min(STORE_RETRY_MAX_MS, backoff * 2)) {
      try {
        write();
        return;
      } catch (err) {
        // Stopping: the row stays 'sending' and is sent again after the restart (at least once).
        if (this.stopped) throw err;
        this.log.error({ channel: this.channel.name, error: err instanceof Error ? err.message : String(err), retryInMs: backoff }, `could not record ${what} in the outbox; retrying`);
        await new Promise((r) => setTimeout(r, backoff));
      }
    }
  }

  private async sendOne(row: OutboxRow): Promise<void> {
    try {
      let res;
      try {
        res = await this.channel.send(row.chatId, row.payload);
      } catch (err) {
        // chatTag hashes: computed only when a line about this chat is written.
        const tag = chatTag(row.channel, row.chatId);
        await this.persist('a failed send', () => this.failed(row, tag, err));
        return;
      }
      await this.persist('a delivery', () => this.store.markSent(row.id, res.platformMessageId, this.clock.now()));
      this.hooks.onSent?.(row, res.platformMessageId);
    } catch (err) {
      // Only when stopping with the database unavailable: the row stays 'sending' (resent after restart).
      this.log.error({ outboxId: row.id, chat: chatTag(row.channel, row.chatId), error: err instanceof Error ? err.message : String(err) }, 'outcome of a send not recorded; it will be sent again after the restart');
    }
  }

  private failed(row: OutboxRow, tag: string, err: unknown): void {
    const decision = decideRetry(err, row.attempts + 1);
    const message = err instanceof Error ? err.message : String(err);
    if (decision.kind === 'retry') {
      this.store.markRetry(row.id, this.clock.now() + decision.afterMs, message);
      this.log.warn({ outboxId: row.id, chat: tag, attempts: row.attempts + 1, retryInMs: decision.afterMs, error: message }, 'send failed, will retry');
    } else if (decision.kind === 'held') {
      // The channel asked the contact to answer (a WhatsApp template); the message waits for that.
      this.store.markHeld(row.id, this.clock.now() + decision.afterMs, 'reply_window', message);
      this.log.info({ outboxId: row.id, chat: tag }, 'message held until the contact answers');
    } else if (decision.kind === 'skipped') {
      this.store.markFailed(row.id, message, 'skipped');
      this.log.info({ outboxId: row.id, chat: tag, reason: message }, 'message not sent: the platform does not allow it now');
      this.hooks.onFailed?.(row, message);
    } else if (decision.kind === 'blocked') {
      this.store.markFailed(row.id, message);
      const skipped = this.store.skipChat(row.channel, row.chatId, 'recipient blocked the bot');
      this.hooks.onBlocked?.(row.channel, row.chatId);
      this.log.warn({ outboxId: row.id, chat: tag, skipped }, 'recipient blocked the bot; stopped sending to it');
      this.hooks.onFailed?.(row, message);
    } else {
      this.store.markFailed(row.id, message);
      this.log.error({ outboxId: row.id, chat: tag, attempts: row.attempts + 1, error: message, permanent: err instanceof SendError && err.kind === 'permanent' }, 'send failed for good');
      this.hooks.onFailed?.(row, message);
    }
  }
}

/** Runs one delivery loop per channel. */
export class Dispatcher {
  private readonly loops = new Map<ChannelName, ChannelLoop>();

  constructor(
    private readonly store: OutboxStore,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly hooks: DispatcherHooks = {},
  ) {}

  /** Adds a channel; call before start(). */
  add(channel: Channel, rule: PacingRule = DEFAULT_PACING): void {
    this.loops.set(channel.name, new ChannelLoop(channel, this.store, this.clock, this.log, rule, this.hooks));
  }

  start(): void {
    const reset = this.store.resetInFlight();
    if (reset) this.log.info({ rows: reset }, 'resending messages that were in flight at the last stop');
    for (const loop of this.loops.values()) loop.start();
  }

  /** Tells the loops that new rows were committed. */
  kick(channel?: ChannelName): void {
    if (channel) this.loops.get(channel)?.kick();
    else for (const loop of this.loops.values()) loop.kick();
  }

  /** Stops taking new rows and waits for sends in flight. */
  async stop(): Promise<void> {
    for (const loop of this.loops.values()) {
      loop.stopped = true;
      loop.kick();
    }
    await Promise.all([...this.loops.values()].map((l) => l.done));
  }
}
