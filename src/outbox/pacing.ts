/**
 * Even pacing of sends: a token bucket per channel plus a small token bucket per chat.
 *
 * Pacing is about real elapsed time (platform limits count real seconds), so the dispatcher gives
 * the Pacer a monotonic clock, not the domain clock that tests move by hand.
 */
import type { Clock } from '../core/clock.js';

export interface PacingRule {
  /** Messages per second over the whole channel. */
  perSecond: number;
  /** Sustained minimum milliseconds between two messages to the same chat (0: none). */
  perChatGapMs: number;
  /**
   * Messages a chat may get back to back before the gap applies (default 1). A reply of two or
   * three messages goes out at once; a longer run settles to one message per gap.
   */
  perChatBurst?: number;
  /** Sends in flight at once (HTTP latency hides behind concurrency). */
  concurrency: number;
  /** Chats that need a slower rate (Telegram groups: 20 messages a minute). */
  isSlowChat?: (chatId: string) => boolean;
  /** Minimum milliseconds between messages to a slow chat. */
  slowChatGapMs?: number;
}

/** Real elapsed milliseconds, immune to wall-clock jumps. */
export const monotonicClock: Clock = { now: () => performance.now() };

/** Entries in the per-chat table before idle ones are forgotten. */
export const MAX_TRACKED_CHATS = 50_000;
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

interface ChatBucket {
  tokens: number;
  at: number;
}

/**
 * Token bucket with a burst of one token per channel: sends are spaced evenly, never bunched. On
 * top, no more than `perSecond` sends fall inside any one second, as platforms count: with
 * millisecond clocks and timers, even spacing alone lets rate + 1 sends slip into one second now
 * and then.
 */
export class Pacer {
  private nextFreeAt = 0;
  private readonly chats = new Map<string, ChatBucket>();
  /** When the last `perSecond` sends actually left (a late send must still count where it fell). */
  private readonly recent: number[] = [];

  constructor(
    private readonly rule: PacingRule,
    private readonly clock: Clock = monotonicClock,
  ) {}

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
    return this.chatDelay(chatId) === 0;
  }

  /** Milliseconds until this chat may get its next message (0: now). */
  chatDelay(chatId: string): number {
    const gap = this.gapFor(chatId);
    if (!gap) return 0;
    const b = this.bucket(chatId, gap);
    return b.tokens >= 1 ? 0 : Math.ceil((1 - b.tokens) * gap);
  }

  /** Records a send leaving now to this chat (call it when the send starts; takes one token of its bucket). */
  noteSent(chatId: string): void {
    const window = this.window();
    if (window) {
      this.recent.push(this.clock.now());
      if (this.recent.length > window) this.recent.shift();
    }
    const gap = this.gapFor(chatId);
    if (!gap) return;
    const b = this.bucket(chatId, gap);
    b.tokens -= 1;
    this.chats.set(chatId, b);
    if (this.chats.size > MAX_TRACKED_CHATS) this.forgetIdle();
  }

  /** Sends allowed in any one second, or 0 when not tracked. */
  private window(): number {
    const w = Math.floor(this.rule.perSecond);
    return w >= 1 && w <= MAX_WINDOWED_PER_SECOND ? w : 0;
  }

  private gapFor(chatId: string): number {
    if (this.rule.isSlowChat?.(chatId)) return Math.max(this.rule.slowChatGapMs ?? 0, this.rule.perChatGapMs);
    return this.rule.perChatGapMs;
  }

  private burstFor(chatId: string): number {
    // Slow chats (groups) get no burst: their limit is per minute and strict.
    return this.rule.isSlowChat?.(chatId) ? 1 : Math.max(1, this.rule.perChatBurst ?? 1);
  }

  /** The chat's bucket refilled up to now (one token per gap, up to the burst). */
  private bucket(chatId: string, gap: number): ChatBucket {
    const now = this.clock.now();
    const burst = this.burstFor(chatId);
    const b = this.chats.get(chatId);
    if (!b) return { tokens: burst, at: now };
    return { tokens: Math.min(burst, b.tokens + (now - b.at) / gap), at: now };
  }

  private forgetIdle(): void {
    // A chat whose bucket has refilled completely needs no tracking: forgetting it changes nothing.
    const now = this.clock.now();
    for (const [id, b] of this.chats) {
      const gap = this.gapFor(id);
      if (b.tokens + (now - b.at) / gap >= this.burstFor(id)) this.chats.delete(id);
    }
  }
}

// Telegram limits (docs/SOURCES.md): about 30 messages/s overall (OUTBOX_TELEGRAM_PER_SECOND), about one
// message a second per chat with short bursts tolerated, 20 messages a minute per group.
/** Sustained gap between messages to one Telegram chat. */
export const TELEGRAM_PER_CHAT_GAP_MS = 1000;
/** Messages one Telegram chat may get back to back (a reply plus the menu that follows it). */
export const TELEGRAM_PER_CHAT_BURST = 3;
/** Gap between messages to one Telegram group (20 a minute). */
export const TELEGRAM_GROUP_GAP_MS = 3000;
/**
 * Share of the configured overall rate actually used: sends leave evenly spaced but arrive with
 * network jitter, and at exactly 30/s some one-second windows would see 31 (measured against the
 * fake Bot API). 0.9 leaves room for ~100 ms of jitter.
 */
export const TELEGRAM_RATE_MARGIN = 0.9;
/** Telegram sends in flight at once. */
export const TELEGRAM_CONCURRENCY = 8;

/** Telegram's pacing rule for a configured overall limit. Group and supergroup chat ids are negative. */
export function telegramPacing(perSecond: number): PacingRule {
  return {
    perSecond: perSecond * TELEGRAM_RATE_MARGIN,
    perChatGapMs: TELEGRAM_PER_CHAT_GAP_MS,
    perChatBurst: TELEGRAM_PER_CHAT_BURST,
    concurrency: TELEGRAM_CONCURRENCY,
    isSlowChat: (chatId) => chatId.startsWith('-'),
    slowChatGapMs: TELEGRAM_GROUP_GAP_MS,
  };
}
