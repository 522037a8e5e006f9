/**
 * Percentiles by linear interpolation between the closest ranks (Hyndman & Fan type 7, the method
 * of Excel's PERCENTILE.INC, R's default and numpy's default): the p-th percentile of n sorted
 * values lies at position h = (n − 1)·p (0-based) and is x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋]).
 * The median (p = 0.5) is then the usual median: the middle value, or the mean of the two middle ones.
 */

/** The p-th percentile (0 ≤ p ≤ 1) of values sorted ascending; null for no values. */
export function percentileOfSorted(sorted: readonly number[], p: number): number | null {
  if (!sorted.length) return null;
  const h = (sorted.length - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(sorted.length - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Count, median and 90th percentile of some durations. */
export interface Spread {
  count: number;
  median: number | null;
  p90: number | null;
}

/** Count, median and 90th percentile of unsorted values (the array is sorted in place). */
export function spreadOf(values: number[]): Spread {
  values.sort((a, b) => a - b);
  return { count: values.length, median: percentileOfSorted(values, 0.5), p90: percentileOfSorted(values, 0.9) };
}
