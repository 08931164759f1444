import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { realClock } from '../../../../local/engine/runtime/clock.ts';

describe('real clock', () => {
  it('reads the system clock once per job: the same time within one, the current time in the next', async () => {
    const first = realClock.now();
    const spinUntil = Date.now() + 5;
    while (Date.now() < spinUntil) {
      // The job goes on past the millisecond it started in.
    }
    expect(realClock.now()).toBe(first);
    await sleep(5);
    const later = realClock.now();
    expect(later).toBeGreaterThanOrEqual(first + 5);
    await Promise.resolve();
    expect(Math.abs(realClock.now() - Date.now())).toBeLessThanOrEqual(1);
  });
});
