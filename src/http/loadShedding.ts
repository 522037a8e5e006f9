/**
 * Load shedding for our own server. When the event loop falls behind (a flood of posts), work
 * that can wait is refused at once with 503 and Retry-After, before it costs a turn, so that the
 * queue ahead of an emergency stays short. Urgent messages are never shed. Both must hold: the
 * loop is late AND many different visitors are posting at once, so a slow machine alone (a busy
 * test run, a GC pause) or one fast visitor never turns anyone away.
 */

/** How often the event loop's lag is sampled. */
export const SAMPLE_EVERY_MS = 20;
/** The server counts as overloaded while a sample within HOLD_MS was this late. */
export const OVERLOAD_LAG_MS = 80;
/** How long one late sample keeps the server counted as overloaded. */
export const HOLD_MS = 500;
/** Different visitors posting within the last second below which nothing is shed (a flood, not a slow machine). */
export const MIN_FLOOD_VISITORS = 20;

export class LoadGauge {
  private timer?: NodeJS.Timeout;
  private expected = 0;
  private lateUntil = 0;
  /** Arrivals (time in ms, visitor) within the last second. */
  private readonly arrivals: { at: number; who: string }[] = [];
  /** Requests refused since the start (for health and tests). */
  shed = 0;

  /** Starts sampling (idempotent); the timer never keeps the process alive. */
  start(): void {
    if (this.timer) return;
    this.expected = performance.now() + SAMPLE_EVERY_MS;
    this.timer = setInterval(() => {
      const now = performance.now();
      if (now - this.expected > OVERLOAD_LAG_MS) this.lateUntil = now + HOLD_MS;
      this.expected = now + SAMPLE_EVERY_MS;
    }, SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Counts one arriving request of a visitor; true when it should wait (the loop is late during a flood). */
  overloaded(who: string): boolean {
    const now = performance.now();
    this.arrivals.push({ at: now, who });
    while (this.arrivals.length && this.arrivals[0].at < now - 1000) this.arrivals.shift();
    if (this.arrivals.length < MIN_FLOOD_VISITORS || new Set(this.arrivals.map((a) => a.who)).size < MIN_FLOOD_VISITORS) return false;
    return now < this.lateUntil || (this.timer !== undefined && now - this.expected > OVERLOAD_LAG_MS);
  }
}
