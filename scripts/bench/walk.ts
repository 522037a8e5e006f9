/** Runs N simulated contacts through a script and records latency per message position. */
import { mean, nowMs, percentile, yieldToLoop } from './stats.js';

/** Messages between two yields to the event loop, so timers and the dispatcher get their turn. */
export const YIELD_EVERY = 32;

export interface WalkResult {
  messages: number;
  elapsedMs: number;
  perSecond: number;
  /** CPU time (user + system, all threads) spent during the walk, in ms: robust to other load. */
  cpuMs: number;
  /** Messages per CPU second: what one free core would sustain. */
  perCpuSecond: number;
  all: number[];
  /** Latencies (ms) by message position (0 = first message of the script). */
  byPosition: number[][];
  /**
   * CPU time (ms) of the process, all threads, while each message position was walked (the
   * dispatcher and background checkpoints included): robust to other load. In-process walks only;
   * read once per position, so measuring costs the walk nothing noticeable.
   */
  cpuByPosition?: number[];
}

export interface LatencySummary {
  p50: number;
  p95: number;
  p99: number;
}

export function summarize(values: number[]): LatencySummary {
  return { p50: percentile(values, 50), p95: percentile(values, 95), p99: percentile(values, 99) };
}

/** Mean latency of a position divided by that of the first; the "flat cost" figure. */
export function growth(r: WalkResult, position: number): number {
  return mean(r.byPosition[position] ?? []) / mean(r.byPosition[0] ?? []);
}

/**
 * Walks `contacts` contacts through `length` messages, interleaved: every contact sends message 1,
 * then every contact sends message 2, and so on (so tables grow while the walk goes on, as they do
 * in production). `send(contact, position)` resolves when the message is handled.
 */
export async function walk(contacts: number, length: number, send: (contact: number, position: number) => Promise<unknown>): Promise<WalkResult> {
  const byPosition: number[][] = Array.from({ length }, () => []);
  const cpuByPosition: number[] = [];
  const all: number[] = [];
  let count = 0;
  const t0 = nowMs();
  const c0 = process.cpuUsage();
  for (let p = 0; p < length; p++) {
    const pc = process.cpuUsage();
    for (let c = 0; c < contacts; c++) {
      const s = nowMs();
      await send(c, p);
      const d = nowMs() - s;
      byPosition[p].push(d);
      all.push(d);
      if (++count % YIELD_EVERY === 0) await yieldToLoop();
    }
    const pd = process.cpuUsage(pc);
    cpuByPosition.push((pd.user + pd.system) / 1000);
  }
  const elapsedMs = nowMs() - t0;
  const cpu = process.cpuUsage(c0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  return { messages: count, elapsedMs, perSecond: (count / elapsedMs) * 1000, cpuMs, perCpuSecond: (count / cpuMs) * 1000, all, byPosition, cpuByPosition };
}

/**
 * The walk without its last message position (for the complaint transcript: the message that
 * creates the case and hashes its PIN). Throughput takes that position's handling
 * time out of the elapsed time; the dispatcher's share of it stays, so the figure is slightly low.
 */
export function withoutLast(r: WalkResult): { messages: number; perSecond: number; perCpuSecond?: number; latency: LatencySummary; lastMeanMs: number } {
  const kept = r.byPosition.slice(0, -1);
  const keptCpuMs = r.cpuByPosition?.slice(0, -1).reduce((a, b) => a + b, 0);
  const last = r.byPosition[r.byPosition.length - 1] ?? [];
  const lastTotal = last.reduce((a, b) => a + b, 0);
  const messages = kept.reduce((a, xs) => a + xs.length, 0);
  return { messages, perSecond: (messages / (r.elapsedMs - lastTotal)) * 1000, perCpuSecond: keptCpuMs ? (messages / keptCpuMs) * 1000 : undefined, latency: summarize(kept.flat()), lastMeanMs: mean(last) };
}
