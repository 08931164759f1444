import { describe, expect, it } from 'vitest';
import { execute } from './run-helper.ts';

describe('Parallel', () => {
  it('returns the branch outputs in branch order', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Slow',
              States: {
                Slow: { Type: 'Wait', Seconds: 5, Next: 'One' },
                One: { Type: 'Pass', Result: 1, End: true },
              },
            },
            { StartAt: 'Two', States: { Two: { Type: 'Pass', Result: 2, End: true } } },
          ],
          End: true,
        },
      },
    };
    const { result } = await execute(definition, {});
    expect(result).toEqual({ status: 'SUCCEEDED', output: [1, 2] });
  });

  it('links each branch first event to ParallelStateStarted through previousKey', async () => {
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } },
            { StartAt: 'C', States: { C: { Type: 'Pass', End: true } } },
          ],
          End: true,
        },
      },
    };
    const { effects } = await execute(definition, {});
    const previous = Object.fromEntries(effects.events.map((e) => [e.key, e.previousKey]));
    expect(previous['Both[0]/A#1/entered']).toBe('/Both#1/started');
    expect(previous['Both[1]/C#1/entered']).toBe('/Both#1/started');
    expect(previous['Both[0]/B#1/entered']).toBe('Both[0]/A#1/exited');
    expect(previous['/Both#1/entered']).toBe('!execution/started');
  });

  it('fails with the failing branch error and stops the other branches at their next transition', async () => {
    const reached: string[] = [];
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Call',
              States: {
                Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Next: 'After' },
                After: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true },
              },
            },
            {
              StartAt: 'Boom',
              States: { Boom: { Type: 'Fail', Error: 'Branch.Broken', Cause: 'second branch' } },
            },
          ],
          End: true,
        },
      },
    };
    const { result, effects } = await execute(
      definition,
      {},
      {
        tasks: {
          'arn:aws:states:::lambda:invoke': async (request) => {
            reached.push(request.stateName);
            await new Promise((resolve) => setTimeout(resolve, 1));
            return { ok: true, output: {} };
          },
        },
      },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'Branch.Broken', cause: 'second branch' });
    expect(reached).toEqual(['Call']);
    expect(effects.events.map((e) => e.type)).toContain('ParallelStateFailed');
  });

  it('fails at once without waiting for a sibling blocked on a callback', async () => {
    let release: () => void = () => {};
    const blocked = new Promise<void>((resolve) => {
      release = resolve;
    });
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Wait for partner',
              States: {
                'Wait for partner': {
                  Type: 'Task',
                  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
                  Next: 'After',
                },
                After: { Type: 'Pass', End: true },
              },
            },
            { StartAt: 'Boom', States: { Boom: { Type: 'Fail', Error: 'Consent.Withdrawn' } } },
          ],
          End: true,
        },
      },
    };
    const { result, effects } = await execute(
      definition,
      {},
      {
        tasks: {
          'arn:aws:states:::lambda:invoke.waitForTaskToken': async () => {
            await blocked;
            return { ok: true, output: {} };
          },
        },
      },
    );
    expect(result).toEqual({ status: 'FAILED', error: 'Consent.Withdrawn' });
    release();
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(effects.events.map((e) => e.key)).not.toContain('Both[0]/After#1/entered');
  });

  it('retries the whole Parallel state with fresh branch keys', async () => {
    let calls = 0;
    const definition = {
      StartAt: 'Both',
      States: {
        Both: {
          Type: 'Parallel',
          Branches: [
            {
              StartAt: 'Call',
              States: { Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', End: true } },
            },
          ],
          Retry: [{ ErrorEquals: ['Flaky'], IntervalSeconds: 1 }],
          End: true,
        },
      },
    };
    const { result, effects } = await execute(
      definition,
      {},
      {
        tasks: { '*': () => (++calls === 1 ? { ok: false, error: 'Flaky' } : { ok: true, output: 'ok' }) },
      },
    );
    expect(result).toEqual({ status: 'SUCCEEDED', output: ['ok'] });
    const keys = effects.events.map((e) => e.key);
    expect(keys).toContain('Both[0]/Call#1/failed');
    expect(keys).toContain('Both@1[0]/Call#1/succeeded');
  });
});
