import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { sampleForVerification } from '../../../../functions/domain/kits/verification-sample.ts';

const ids = Array.from({ length: 200 }, (_, i) => `ALLOC-${String(i).padStart(3, '0')}`);

describe('sampleForVerification', () => {
  it('draws the requested number of distinct ids from the list', () => {
    const sample = sampleForVerification(ids, 20, 'SITE-1#2026-R1');
    expect(sample).toHaveLength(20);
    expect(new Set(sample).size).toBe(20);
    for (const id of sample) expect(ids).toContain(id);
  });

  it('gives the same sample for the same seed whatever the input order, and another for another seed', () => {
    const a = sampleForVerification(ids, 20, 'seed-1');
    expect(sampleForVerification([...ids].reverse(), 20, 'seed-1')).toEqual(a);
    expect(sampleForVerification(ids, 20, 'seed-2')).not.toEqual(a);
  });

  it('returns everything when asked for more than there is, and nothing for size 0', () => {
    expect(sampleForVerification(ids.slice(0, 3), 10, 's').sort()).toEqual(ids.slice(0, 3));
    expect(sampleForVerification(ids, 0, 's')).toEqual([]);
  });

  it('picks each id about equally often across seeds', () => {
    const hits = new Map<string, number>();
    for (let seed = 0; seed < 2000; seed++)
      for (const id of sampleForVerification(ids.slice(0, 10), 2, `s${seed}`))
        hits.set(id, (hits.get(id) ?? 0) + 1);
    // Expected 400 each; a fair draw stays well within ±25%.
    for (const count of hits.values()) expect(Math.abs(count - 400)).toBeLessThan(100);
  });

  it('never exceeds the size or the list', () => {
    fc.assert(
      fc.property(fc.array(fc.string(), { maxLength: 50 }), fc.nat(60), fc.string(), (list, size, seed) => {
        const sample = sampleForVerification(list, size, seed);
        return sample.length === Math.min(size, new Set(list).size) && new Set(sample).size === sample.length;
      }),
    );
  });
});
