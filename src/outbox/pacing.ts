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

/**
 * Above this rate the one-second window is not tracked (nothing real sends that fast; the bench's
 * unthrottled channel does).
 */
export const MAX_WINDOWED_PER_SECOND = 1000;
/**
 * Slack when keeping sends inside the one-second window: the clock's 1 ms resolution, and the
 * process being paused between deciding to send and the request leaving (under load, a few ms).
 * Costs 1 % of the rate.
 */
export const WINDOW_MARGIN_MS = 10;

/**
 * Token bucket with a burst of one token: sends are spaced evenly, never bunched. On top, no more
 * than `perSecond` sends fall inside any one second, as platforms count: with millisecond clocks
 * and timers, even spacing alone lets rate + 1 sends slip into one second now and then.
 */
export class Pacer {
  private nextFreeAt = 0;
  /** When the last `perSecond` sends actually left (a late send must still count where it fell). */
  private readonly recent: number[] = [];
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
    let at = Math.max(now, this.nextFreeAt);
    const window = this.window();
    if (window && this.recent.length >= window) at = Math.max(at, this.recent[this.recent.length - window] + 1000 + WINDOW_MARGIN_MS);
    this.nextFreeAt = at + 1000 / this.rule.perSecond;
    return at - now;
  }

  /** True when this chat may get a message now. */
  chatReady(chatId: string): boolean {
    if (!this.rule.perChatGapMs) return true;
    const last = this.lastByChat.get(chatId);
    return last === undefined || this.clock.now() - last >= this.rule.perChatGapMs;
  }

  /** Sends allowed in any one second, or 0 when not tracked. */
  private window(): number {
    const w = Math.floor(this.rule.perSecond);
    return w >= 1 && w <= MAX_WINDOWED_PER_SECOND ? w : 0;
  }

  /** Records a send leaving now (call it when the send starts). */
  noteSent(chatId: string): void {
    const window = this.window();
    if (window) {
      this.recent.push(this.clock.now());
      if (this.recent.length > window) this.recent.shift();
    }
    if (!this.rule.perChatGapMs) return;
    this.lastByChat.set(chatId, this.clock.now());
    if (this.lastByChat.size > 50_000) {
      // Old entries are harmless to forget: a gap long past needs no tracking.
      const cutoff = this.clock.now() - this.rule.perChatGapMs;
      for (const [k, t] of this.lastByChat) if (t < cutoff) this.lastByChat.delete(k);
    }
  }
}
