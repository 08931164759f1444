import { describe, expect, it } from 'vitest';
import { createTokenBucket } from '../../../../local/cloud/http-api/token-bucket.ts';

describe('createTokenBucket', () => {
  it('admits a burst, refuses beyond it, and refills at the rate', () => {
    let now = 0;
    const admit = createTokenBucket(2, 3, () => now);
    expect([admit(), admit(), admit(), admit()]).toEqual([true, true, true, false]);
    now = 500;
    expect([admit(), admit()]).toEqual([true, false]);
    now = 10_000;
    expect([admit(), admit(), admit(), admit()]).toEqual([true, true, true, false]);
  });
});
