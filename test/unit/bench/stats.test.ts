import { describe, expect, it } from 'vitest';
import { median, percentile, ratio, significant } from '../../../bench/lib/stats.ts';

describe('percentile', () => {
  it('returns an observed sample by nearest rank', () => {
    const samples = [5, 1, 4, 2, 3];
    expect(percentile(samples, 50)).toBe(3);
    expect(percentile(samples, 0)).toBe(1);
    expect(percentile(samples, 100)).toBe(5);
    expect(percentile(samples, 80)).toBe(4);
    expect(percentile(samples, 81)).toBe(5);
  });

  it('takes the 99th percentile of 100 samples as the 99th smallest', () => {
    const samples = Array.from({ length: 100 }, (_, i) => 100 - i);
    expect(percentile(samples, 99)).toBe(99);
    expect(percentile(samples, 95)).toBe(95);
  });

  it('does not reorder the caller’s array', () => {
    const samples = [3, 1, 2];
    percentile(samples, 50);
    expect(samples).toEqual([3, 1, 2]);
  });

  it('refuses no samples and percentiles outside 0..100', () => {
    expect(() => percentile([], 50)).toThrow(RangeError);
    expect(() => percentile([1], 101)).toThrow(RangeError);
    expect(() => percentile([1], Number.NaN)).toThrow(RangeError);
  });

  it('takes the lower middle as the median of an even count', () => {
    expect(median([4, 1, 3, 2])).toBe(2);
  });
});

describe('ratio and significant', () => {
  it('gives no ratio without a baseline', () => {
    expect(ratio(3, 0)).toBeNull();
    expect(ratio(3, undefined)).toBeNull();
    expect(ratio(3, 1.5)).toBe(2);
  });

  it('rounds to significant digits', () => {
    expect(significant(123.456)).toBe(123);
    expect(significant(0.0012345, 2)).toBe(0.0012);
    expect(significant(0)).toBe(0);
  });
});
