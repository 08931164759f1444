import { describe, expect, it } from 'vitest';
import { createTtlCache } from '../../../local/console/ttl-cache.ts';

describe('createTtlCache', () => {
  it('reuses a value within its time to live, shares a load in progress, then loads again', async () => {
    let clock = 0;
    let loads = 0;
    const cache = createTtlCache(4_000, () => clock);
    const load = async () => ++loads;
    const [first, concurrent] = await Promise.all([cache.get('machines', load), cache.get('machines', load)]);
    expect([first, concurrent, loads]).toEqual([1, 1, 1]);
    clock = 3_999;
    expect(await cache.get('machines', load)).toBe(1);
    clock = 4_000;
    expect(await cache.get('machines', load)).toBe(2);
    cache.clear();
    expect(await cache.get('machines', load)).toBe(3);
  });

  it('does not keep a failed load', async () => {
    const cache = createTtlCache(4_000, () => 0);
    await expect(cache.get('programme', () => Promise.reject(new Error('throttled')))).rejects.toThrow(
      'throttled',
    );
    expect(await cache.get('programme', async () => 'fresh')).toBe('fresh');
  });
});
