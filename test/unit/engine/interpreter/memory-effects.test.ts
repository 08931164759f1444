import { describe, expect, it } from 'vitest';
import { createMemoryEffects } from '#engine/memory-effects.ts';

describe('memory effects', () => {
  it('records an event once per key and returns the same id on a replayed call', () => {
    const effects = createMemoryEffects();
    const first = effects.recordEvent('/A#1/entered', { type: 'PassStateEntered', details: {} });
    const again = effects.recordEvent('/A#1/entered', { type: 'PassStateEntered', details: {} });
    const next = effects.recordEvent('/A#1/exited', { type: 'PassStateExited', details: {} });
    expect([first, again, next]).toEqual([1, 1, 2]);
    expect(effects.events).toHaveLength(2);
  });

  it('moves virtual time forward on sleep and never backward', async () => {
    const effects = createMemoryEffects({ startTime: new Date('2025-01-01T00:00:00Z') });
    await effects.sleepUntil('a', new Date('2025-01-02T00:00:00Z'));
    await effects.sleepUntil('b', new Date('2024-12-31T00:00:00Z'));
    expect(effects.now('n').toISOString()).toBe('2025-01-02T00:00:00.000Z');
  });

  it('routes tasks by resource, falls back to `*`, and turns a thrown error into a task failure', async () => {
    const effects = createMemoryEffects({
      tasks: {
        'arn:aws:states:::lambda:invoke': () => ({ ok: true, output: 'lambda' }),
        '*': () => {
          throw Object.assign(new Error('no such table'), { name: 'DynamoDB.ResourceNotFoundException' });
        },
      },
    });
    const request = { parameters: {}, context: {}, stateName: 'S' };
    expect(await effects.runTask('k1', { ...request, resource: 'arn:aws:states:::lambda:invoke' })).toEqual({
      ok: true,
      output: 'lambda',
    });
    expect(
      await effects.runTask('k2', { ...request, resource: 'arn:aws:states:::dynamodb:getItem' }),
    ).toEqual({
      ok: false,
      error: 'DynamoDB.ResourceNotFoundException',
      cause: 'no such table',
    });
  });
});
