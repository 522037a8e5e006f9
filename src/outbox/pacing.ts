/** Even pacing of sends: a token bucket per channel plus a minimum gap per chat. */
import type { Clock } from '../core/clock.js';

export interface PacingRule {
  /** Messages per second over the whole channel. */
  perSecond: number;
  /** Minimum milliseconds between two messages to the same chat (0: none). */
  perChatGapMs: number;
  /** Sends in flight at once (HTTP latency hides behind concurrency). */
  concurrency: number;
}

/** Token bucket with a burst of one token: sends are spaced evenly, never bunched. */
export class Pacer {
  private nextFreeAt = 0;
  private readonly lastByChat = new Map<string, number>();

  constructor(
    private readonly rule: PacingRule,
    private readonly clock: Clock,
  ) {}

  /** Milliseconds to wait before the next send on this channel. */
  delay(): number {
    return Math.max(0, this.nextFreeAt - this.clock.now());
  }

  /** Reserves the next slot; returns how long to wait for it. */
  reserve(): number {
    const now = this.clock.now();
    const at = Math.max(now, this.nextFreeAt);
    this.nextFreeAt = at + 1000 / this.rule.perSecond;
    return at - now;
  }

  /** True when this chat may get a message now. */
  chatReady(chatId: string): boolean {
    if (!this.rule.perChatGapMs) return true;
    const last = this.lastByChat.get(chatId);
    return last === undefined || this.clock.now() - last >= this.rule.perChatGapMs;
  }

  noteSent(chatId: string): void {
    if (!this.rule.perChatGapMs) return;
    this.lastByChat.set(chatId, this.clock.now());
    if (this.lastByChat.size > 50_000) {
      // Old entries are harmless to forget: a gap long past needs no tracking.
      const cutoff = this.clock.now() - this.rule.perChatGapMs;
      for (const [k, t] of this.lastByChat) if (t < cutoff) this.lastByChat.delete(k);
    }
  }
}
