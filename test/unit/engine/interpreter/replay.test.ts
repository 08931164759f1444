import { describe, expect, it } from 'vitest';
import type { ExecutionEffects } from '#engine/contract.ts';
import { createMemoryEffects } from '#engine/memory-effects.ts';
import { execute } from './run-helper.ts';

/**
 * The durable runtime replays an execution by running the interpreter again and answering each
 * effect from its journal by key, so keys must not depend on timing or interleaving.
 */
const definition = {
  QueryLanguage: 'JSONata',
  StartAt: 'Fan out',
  States: {
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              Items: '{% $states.input.items %}',
              MaxConcurrency: 2,
              ItemProcessor: {
                StartAt: 'Call',
                States: {
                  Call: {
                    Type: 'Task',
                    Resource: 'arn:aws:states:::lambda:invoke',
                    Arguments: { n: '{% $states.input %}', id: '{% $uuid() %}' },
                    Retry: [{ ErrorEquals: ['Flaky'], JitterStrategy: 'FULL' }],
                    End: true,
                  },
                },
              },
              End: true,
            },
          },
        },
        { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 10, End: true } } },
      ],
      End: true,
    },
  },
};

function keyedEffects(order: number[]): { effects: ExecutionEffects; keys: string[] } {
  const keys: string[] = [];
  const attempts = new Map<number, number>();
  const base = createMemoryEffects({
    tasks: {
      '*': async (request) => {
        const n = (request.parameters as { n: number }).n;
        await new Promise((resolve) => setTimeout(resolve, order[n]));
        const attempt = (attempts.get(n) ?? 0) + 1;
        attempts.set(n, attempt);
        return n % 2 === 0 && attempt === 1 ? { ok: false, error: 'Flaky' } : { ok: true, output: n };
      },
    },
  });
  const effects: ExecutionEffects = {
    ...base,
    signal: base.signal,
    recordEvent: (key, event) => {
      keys.push(`event ${key}`);
      return base.recordEvent(key, event);
    },
    runTask: (key, request) => {
      keys.push(`task ${key}`);
      return base.runTask(key, request);
    },
    sleepUntil: (key, at) => {
      keys.push(`sleep ${key}`);
      return base.sleepUntil(key, at);
    },
    now: (key) => {
      keys.push(`now ${key}`);
      return base.now(key);
    },
    uuid: (key) => {
      keys.push(`uuid ${key}`);
      return base.uuid(key);
    },
  };
  return { effects, keys };
}

describe('deterministic effect keys', () => {
  it('asks for the same effect keys whatever the order in which tasks finish', async () => {
    const runs = [];
    for (const order of [
      [5, 1, 4, 0, 3],
      [0, 4, 1, 5, 2],
    ]) {
      const { effects, keys } = keyedEffects(order);
      const { result } = await execute(definition, { items: [0, 1, 2, 3, 4] }, { effects: effects as never });
      expect(result).toEqual({ status: 'SUCCEEDED', output: [[0, 1, 2, 3, 4], { items: [0, 1, 2, 3, 4] }] });
      runs.push([...new Set(keys)].sort());
    }
    expect(runs[0]).toEqual(runs[1]);
    expect(runs[0]).toContain('task Fan out[0]/Each[2]/Call#1@1/task');
    expect(runs[0]).toContain('sleep Fan out[1]/Pause#1/wait');
  });
});
