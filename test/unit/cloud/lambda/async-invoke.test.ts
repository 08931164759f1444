import { describe, expect, it } from 'vitest';
import { invokeAsync } from '../../../../local/cloud/lambda/async-invoke.ts';
import type { InvocationResult, LambdaRunner } from '../../../../local/cloud/lambda/lambda-runner.ts';

function runnerAnswering(...results: InvocationResult[]): LambdaRunner & { calls: number } {
  const runner = {
    calls: 0,
    find: () => undefined,
    invoke: async () => results[Math.min(runner.calls++, results.length - 1)]!,
    stop: async () => undefined,
  };
  return runner;
}

const failure: InvocationResult = { ok: false, error: { errorType: 'Boom', errorMessage: 'no', trace: [] } };

describe('invokeAsync', () => {
  it('retries a failed event twice, then hands it to the dead-letter sink', async () => {
    const runner = runnerAnswering(failure);
    const dead: unknown[] = [];
    await invokeAsync(
      runner,
      'fn',
      { n: 1 },
      { log: () => undefined, retryDelaysMs: [1, 1], deadLetter: (...args) => dead.push(args) },
    );
    expect(runner.calls).toBe(3);
    expect(dead).toEqual([['fn', { n: 1 }, failure.ok ? undefined : failure.error]]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const runner = runnerAnswering(failure, { ok: true, payload: null });
    const dead: unknown[] = [];
    await invokeAsync(
      runner,
      'fn',
      {},
      { log: () => undefined, retryDelaysMs: [1, 1], deadLetter: (...args) => dead.push(args) },
    );
    expect(runner.calls).toBe(2);
    expect(dead).toEqual([]);
  });
});
