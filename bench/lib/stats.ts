/**
 * Order statistics for benchmark samples. Percentiles use the nearest-rank method (the value at
 * rank ⌈p·n⌉), so every figure reported is a latency that was actually observed.
 */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) throw new RangeError('percentile of no samples');
  if (!(p >= 0 && p <= 100)) throw new RangeError(`percentile ${p} is outside 0..100`);
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

export const median = (samples: readonly number[]): number => percentile(samples, 50);

/** A ratio to a baseline, or null when the baseline is zero or missing (nothing to compare to). */
export function ratio(value: number, baseline: number | undefined): number | null {
  return baseline === undefined || baseline === 0 ? null : value / baseline;
}

/** Rounds to a few significant digits for reports (raw figures stay in results.json). */
export function significant(value: number, digits = 3): number {
  return value === 0 || !Number.isFinite(value) ? value : Number(value.toPrecision(digits));
}
