/** Small numeric helpers for the benchmark: percentiles, timing and formatting. */

/** Milliseconds since an arbitrary origin, with sub-microsecond resolution. */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/** The p-th percentile (0..100) of the values, nearest-rank; NaN when empty. */
export function percentile(values: number[], p: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function mean(values: number[]): number {
  return values.length ? values.reduce((a, b) => a + b, 0) / values.length : NaN;
}

/** Formats a number with thousands separators and the given decimals. */
export function fmt(n: number, decimals = 0): string {
  if (!Number.isFinite(n)) return 'n/a';
  return n.toLocaleString('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Formats milliseconds for latency cells: 3 significant digits. */
export function ms(n: number): string {
  if (!Number.isFinite(n)) return 'n/a';
  return `${n < 1 ? n.toFixed(3) : n < 10 ? n.toFixed(2) : n.toFixed(1)} ms`;
}

export function mb(bytes: number): string {
  return `${fmt(bytes / (1024 * 1024), 0)} MB`;
}

/** Yields to the event loop (timers, I/O, the dispatcher) once. */
export function yieldToLoop(): Promise<void> {
  return new Promise((r) => setImmediate(r));
}
