/**
 * The ulid the Lambda bundles carry instead of the `ulid` package (infra/constructs/bundling/ulid.ts)
 * against the real package: the same identifier for the same time and random draws, the same
 * errors for times it cannot encode, and ids from the default source that decode to now.
 */
import fc from 'fast-check';
import { decodeTime, ulid as realUlid } from 'ulid';
import { describe, expect, it, vi } from 'vitest';
import { ulid as standInUlid } from '../../../infra/constructs/bundling/ulid.ts';

/** A PRNG that replays `draws` (values in [0, 1)), as both implementations consume them. */
const replay = (draws: number[]) => {
  let index = 0;
  return () => draws[index++ % draws.length] as number;
};

const outcome = (run: () => string) => {
  try {
    return { id: run() };
  } catch (error) {
    const { name, message, code } = error as Error & { code?: string };
    return { error: { name, message, code } };
  }
};

describe('bundle stand-in for ulid', () => {
  it('encodes the same time and random draws into the same identifier', () => {
    // A seed time of 0 means now: both read the same fixed clock.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.parse('2026-11-27T03:04:05.678Z'));
    try {
      fc.assert(
        fc.property(
          fc.oneof(fc.integer({ min: 0, max: 281474976710655 }), fc.constantFrom(0, 1, 281474976710655)),
          fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), {
            minLength: 1,
            maxLength: 20,
          }),
          (time, draws) => {
            expect(outcome(() => standInUlid(time, replay(draws)))).toEqual(
              outcome(() => realUlid(time, replay(draws))),
            );
          },
        ),
        { numRuns: 500 },
      );
    } finally {
      vi.useRealTimers();
    }
  });

  it('fails the same way on times it cannot encode, before drawing anything', () => {
    for (const time of [
      -1,
      1.5,
      281474976710656,
      Number.NaN,
      '12' as unknown as number,
      'x' as unknown as number,
    ]) {
      const draws = { real: 0, standIn: 0 };
      const counting = (side: keyof typeof draws) => () => {
        draws[side]++;
        return 0.5;
      };
      const real = outcome(() => realUlid(time, counting('real')));
      const standIn = outcome(() => standInUlid(time, counting('standIn')));
      expect(standIn).toEqual(real);
      expect(draws.standIn).toBe(draws.real);
    }
  });

  it('draws from Web Crypto by default: 26 Crockford characters stamped with now', () => {
    const before = Date.now();
    const id = standInUlid();
    expect(id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
    expect(decodeTime(id)).toBeGreaterThanOrEqual(before);
    expect(decodeTime(id)).toBeLessThanOrEqual(Date.now());
    expect(new Set(Array.from({ length: 50 }, () => standInUlid().slice(10))).size).toBe(50);
  });
});
