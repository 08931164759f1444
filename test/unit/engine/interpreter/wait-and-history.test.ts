import { describe, expect, it } from 'vitest';
import { createMemoryEffects } from '#engine/memory-effects.ts';
import { execute } from './run-helper.ts';

describe('Wait', () => {
  it('sleeps in virtual time for Seconds and until Timestamp', async () => {
    const definition = {
      StartAt: 'Pause',
      States: {
        Pause: { Type: 'Wait', Seconds: 3600, Next: 'Until' },
        Until: { Type: 'Wait', TimestampPath: '$.at', Next: 'Now' },
        Now: { Type: 'Pass', Parameters: { 'entered.$': '$$.State.EnteredTime' }, End: true },
      },
    };
    const { result, effects } = await execute(definition, { at: '2024-01-02T00:00:00Z' });
    expect(effects.sleeps.map((s) => s.until.toISOString())).toEqual([
      '2024-01-01T01:00:00.000Z',
      '2024-01-02T00:00:00.000Z',
    ]);
    expect(result).toEqual({ status: 'SUCCEEDED', output: { entered: '2024-01-02T00:00:00.000Z' } });
  });

  it('evaluates JSONata Seconds', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: '{% $states.input.days * 86400 %}', End: true } },
    };
    const { effects } = await execute(definition, { days: 2 });
    expect(effects.sleeps[0]!.until.toISOString()).toBe('2024-01-03T00:00:00.000Z');
  });
});

describe('execution limits and stops', () => {
  it('fails the execution when the history passes 25,000 events', async () => {
    const definition = {
      StartAt: 'Loop',
      States: { Loop: { Type: 'Pass', Next: 'Again' }, Again: { Type: 'Pass', Next: 'Loop' } },
    };
    const { result, effects } = await execute(definition, {});
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(effects.events.length).toBeLessThanOrEqual(25_000);
    expect(effects.events.at(-1)?.type).toBe('ExecutionFailed');
  });

  it('fails with States.DataLimitExceeded when a state output passes 256 KiB', async () => {
    const definition = {
      StartAt: 'Big',
      States: {
        Big: {
          Type: 'Pass',
          Parameters: { 'text.$': "States.Format('{}{}{}{}', $.s, $.s, $.s, $.s)" },
          End: true,
        },
      },
    };
    const { result } = await execute(definition, { s: 'x'.repeat(70_000) });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('aborts at the next effect once stopped', async () => {
    const effects = createMemoryEffects({
      tasks: {
        '*': () => {
          effects.abort();
          return { ok: true, output: {} };
        },
      },
    });
    const definition = {
      StartAt: 'Call',
      States: {
        Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'Never' },
        Never: { Type: 'Pass', End: true },
      },
    };
    const { result } = await execute(definition, {}, { effects });
    expect(result).toEqual({ status: 'ABORTED' });
    expect(effects.events.map((e) => e.type)).not.toContain('PassStateEntered');
    expect(effects.events.at(-1)?.type).toBe('ExecutionAborted');
  });

  it('produces the same event keys on a second run, so a journal can replay it', async () => {
    const definition = {
      StartAt: 'Fan',
      States: {
        Fan: {
          Type: 'Map',
          MaxConcurrency: 2,
          ItemProcessor: { StartAt: 'Call', States: { Call: { Type: 'Task', Resource: 'r', End: true } } },
          End: true,
        },
      },
    };
    const delays = [3, 1, 2, 0];
    const keysOf = async (order: number[]) => {
      const { effects } = await execute(definition, [0, 1, 2, 3], {
        tasks: {
          r: async (request) => {
            await new Promise((resolve) => setTimeout(resolve, order[request.parameters as number]));
            return { ok: true, output: request.parameters };
          },
        },
      });
      return effects.events.map((e) => e.key).sort();
    };
    expect(await keysOf(delays)).toEqual(await keysOf([...delays].reverse()));
  });
});
