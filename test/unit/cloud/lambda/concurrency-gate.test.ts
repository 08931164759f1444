import { describe, expect, it } from 'vitest';
import { createConcurrencyGate } from '../../../../local/cloud/lambda/concurrency-gate.ts';

describe('createConcurrencyGate', () => {
  it('lets `limit` holders in and the rest in arrival order as slots free up', async () => {
    const gate = createConcurrencyGate(2);
    const order: string[] = [];
    const first = await gate.acquire();
    const second = await gate.acquire();
    const third = gate.acquire().then((release) => {
      order.push('third');
      return release;
    });
    const fourth = gate.acquire().then((release) => {
      order.push('fourth');
      return release;
    });
    expect(gate.waiting).toBe(2);
    first();
    (await third)();
    second();
    (await fourth)();
    expect(order).toEqual(['third', 'fourth']);
    expect(gate.waiting).toBe(0);
  });
});
