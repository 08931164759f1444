import { describe, expect, it } from 'vitest';
import { invokeAsync } from '../../../../local/cloud/lambda/async-invoke.ts';
import { RunnerStoppedError } from '../../../../local/cloud/lambda/lambda-errors.ts';
import type { InvocationResult, LambdaRunner } from '../../../../local/cloud/lambda/lambda-runner.ts';

function runnerAnswering(...results: (InvocationResult | Error)[]): LambdaRunner & { calls: number } {
  const runner = {
    calls: 0,
    find: () => undefined,
    invoke: async () => {
      const result = results[Math.min(runner.calls++, results.length - 1)]!;
      if (result instanceof Error) throw result;
      return result;
    },
    stop: async () => undefined,
  };
  return runner;
}

const failure: InvocationResult = { ok: false, error: { errorType: 'Boom', errorMessage: 'no', trace: [] } };

describe('invokeAsync', () => {
  it('retries a failed event twice, then hands it to the dead-letter sink', async () => {
    const runner = runnerAnswering(failure);
    const dead: unknown[] = [];
    const outcome = await invokeAsync(
      runner,
      'fn',
      { n: 1 },
      { log: () => undefined, retryDelaysMs: [1, 1], deadLetter: (...args) => dead.push(args) },
    );
    expect(outcome).toBe('dead-lettered');
    expect(runner.calls).toBe(3);
    expect(dead).toEqual([['fn', { n: 1 }, failure.ok ? undefined : failure.error]]);
  });

  it('stops retrying once an attempt succeeds', async () => {
    const runner = runnerAnswering(failure, { ok: true, payload: null });
    const dead: unknown[] = [];
    const outcome = await invokeAsync(
      runner,
      'fn',
      {},
      { log: () => undefined, retryDelaysMs: [1, 1], deadLetter: (...args) => dead.push(args) },
    );
    expect(outcome).toBe('delivered');
    expect(runner.calls).toBe(2);
    expect(dead).toEqual([]);
  });

  it('ends as stopped, not dead-lettered, when the runner has stopped', async () => {
    const runner = runnerAnswering(failure, new RunnerStoppedError());
    const dead: unknown[] = [];
    const outcome = await invokeAsync(
      runner,
      'fn',
      {},
      { log: () => undefined, retryDelaysMs: [1, 1], deadLetter: (...args) => dead.push(args) },
    );
    expect(outcome).toBe('stopped');
    expect(runner.calls).toBe(2);
    expect(dead).toEqual([]);
  });

  it('ends as stopped at once when aborted during the wait before a retry', async () => {
    const runner = runnerAnswering(failure);
    const controller = new AbortController();
    const dead: unknown[] = [];
    const started = Date.now();
    const pending = invokeAsync(
      runner,
      'fn',
      {},
      {
        log: () => controller.abort(),
        retryDelaysMs: [60_000, 60_000],
        deadLetter: (...args) => dead.push(args),
        signal: controller.signal,
      },
    );
    expect(await pending).toBe('stopped');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(runner.calls).toBe(1);
    expect(dead).toEqual([]);
  });

  it('does not dead-letter a last attempt that fails after the abort (its sandbox was terminated)', async () => {
    const controller = new AbortController();
    const runner = {
      ...runnerAnswering(failure),
      invoke: async () => {
        controller.abort();
        return failure;
      },
    };
    const dead: unknown[] = [];
    const outcome = await invokeAsync(
      runner,
      'fn',
      {},
      {
        log: () => undefined,
        retryDelaysMs: [],
        deadLetter: (...args) => dead.push(args),
        signal: controller.signal,
      },
    );
    expect(outcome).toBe('stopped');
    expect(dead).toEqual([]);
  });
});
