import { describe, expect, it } from 'vitest';
import type { TaskOutcome } from '#engine/contract.ts';
import { errorMatches, retryDelayMs } from '#engine/interpreter/retry-catch.ts';
import { execute } from './run-helper.ts';

const RESOURCE = 'arn:aws:states:::lambda:invoke';

function failingTimes(times: number, error = 'Lambda.ServiceException'): () => TaskOutcome {
  let calls = 0;
  return () =>
    ++calls <= times ? { ok: false, error, cause: `attempt ${calls}` } : { ok: true, output: { calls } };
}

function taskWithRetry(retry: Record<string, unknown>[]): Record<string, unknown> {
  return { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: RESOURCE, Retry: retry, End: true } } };
}

describe('Retry', () => {
  it('backs off 1 s, 2 s, 4 s by default and succeeds on the fourth attempt', async () => {
    const { result, effects } = await execute(
      taskWithRetry([{ ErrorEquals: ['States.ALL'] }]),
      {},
      {
        tasks: { [RESOURCE]: failingTimes(3) },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: { calls: 4 } });
    const delays = effects.sleeps.map((s) => s.until.getTime() - s.from.getTime());
    expect(delays).toEqual([1000, 2000, 4000]);
    expect(effects.sleeps.map((s) => s.key)).toEqual(['/Call#1/retry', '/Call#1@1/retry', '/Call#1@2/retry']);
  });

  it('fails with the task error once MaxAttempts is spent', async () => {
    const { result } = await execute(
      taskWithRetry([{ ErrorEquals: ['States.ALL'], MaxAttempts: 2 }]),
      {},
      {
        tasks: { [RESOURCE]: failingTimes(5) },
      },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'Lambda.ServiceException', cause: 'attempt 3' });
  });

  it('never retries when MaxAttempts is 0', async () => {
    const { result, effects } = await execute(
      taskWithRetry([{ ErrorEquals: ['States.ALL'], MaxAttempts: 0 }]),
      {},
      {
        tasks: { [RESOURCE]: failingTimes(1) },
      },
    );
    expect(result.status).toBe('FAILED');
    expect(effects.sleeps).toHaveLength(0);
  });

  it('caps the delay at MaxDelaySeconds and applies BackoffRate', async () => {
    const retry = [
      {
        ErrorEquals: ['States.ALL'],
        IntervalSeconds: 3,
        BackoffRate: 3,
        MaxAttempts: 4,
        MaxDelaySeconds: 20,
      },
    ];
    const { effects } = await execute(taskWithRetry(retry), {}, { tasks: { [RESOURCE]: failingTimes(4) } });
    expect(effects.sleeps.map((s) => s.until.getTime() - s.from.getTime())).toEqual([
      3000, 9000, 20000, 20000,
    ]);
  });

  it('draws FULL jitter between 0 and the backoff delay', async () => {
    const retry = [
      { ErrorEquals: ['States.ALL'], IntervalSeconds: 10, MaxAttempts: 3, JitterStrategy: 'FULL' },
    ];
    const { effects } = await execute(taskWithRetry(retry), {}, { tasks: { [RESOURCE]: failingTimes(3) } });
    const delays = effects.sleeps.map((s) => s.until.getTime() - s.from.getTime());
    expect(delays).toHaveLength(3);
    delays.forEach((delay, i) => {
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThanOrEqual(10_000 * 2 ** i);
    });
  });

  it('uses the first matching retrier, each counting its own attempts', async () => {
    let calls = 0;
    const errors = ['A', 'B', 'A', 'B'];
    const retry = [
      { ErrorEquals: ['A'], MaxAttempts: 2, IntervalSeconds: 1 },
      { ErrorEquals: ['B'], MaxAttempts: 2, IntervalSeconds: 5 },
    ];
    const { result, effects } = await execute(
      taskWithRetry(retry),
      {},
      {
        tasks: {
          [RESOURCE]: () =>
            calls < errors.length ? { ok: false, error: errors[calls++]! } : { ok: true, output: 'done' },
        },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: 'done' });
    expect(effects.sleeps.map((s) => s.until.getTime() - s.from.getTime())).toEqual([
      1000, 5000, 2000, 10000,
    ]);
  });

  it('exposes the retry count in the context object', async () => {
    const definition = {
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: RESOURCE,
          Parameters: { 'retry.$': '$$.State.RetryCount' },
          Retry: [{ ErrorEquals: ['States.ALL'] }],
          End: true,
        },
      },
    };
    const seen: unknown[] = [];
    let calls = 0;
    await execute(
      definition,
      {},
      {
        tasks: {
          [RESOURCE]: (request) => {
            seen.push(request.parameters);
            return ++calls < 3 ? { ok: false, error: 'Boom' } : { ok: true, output: {} };
          },
        },
      },
    );
    expect(seen).toEqual([{ retry: 0 }, { retry: 1 }, { retry: 2 }]);
  });
});

describe('error matching', () => {
  it('lets States.ALL match task errors but not States.Runtime or States.DataLimitExceeded', () => {
    expect(errorMatches(['States.ALL'], 'Custom.Error')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded')).toBe(false);
    expect(errorMatches(['States.DataLimitExceeded'], 'States.DataLimitExceeded')).toBe(true);
  });

  it('never retries or catches States.Runtime, even by name', () => {
    expect(errorMatches(['States.Runtime'], 'States.Runtime')).toBe(false);
  });

  it('lets States.TaskFailed match everything but timeouts', () => {
    expect(errorMatches(['States.TaskFailed'], 'Lambda.Unknown')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.Timeout'], 'States.HeartbeatTimeout')).toBe(true);
  });

  it('computes the backoff before jitter', () => {
    expect(retryDelayMs({ ErrorEquals: [] }, 0)).toBe(1000);
    expect(retryDelayMs({ ErrorEquals: [], IntervalSeconds: 2, BackoffRate: 1.5 }, 2)).toBe(4500);
  });
});
