import { describe, expect, it } from 'vitest';
import { tasksToRetry } from '../../../../local/engine/runtime/redrive-plan.ts';

const failed = (key: string, seq: number) => ({
  key: `task:${key}`,
  outcome: '{"ok":false,"error":"E"}',
  seq,
});
const succeeded = (key: string, seq: number) => ({
  key: `task:${key}`,
  outcome: '{"ok":true,"output":1}',
  seq,
});
const events = (...keys: string[]) => keys.map((key, index) => ({ id: index + 1, key }));

describe('redrive plan', () => {
  it('retries every attempt of the failure that ended the execution, and keeps successes', () => {
    const journal = [
      succeeded('/Reserve#1/task', 1),
      failed('/Notify#1/task', 2),
      failed('/Notify#1@1/task', 3),
    ];
    const history = events(
      '/Reserve#1/entered',
      '/Reserve#1/succeeded',
      '/Notify#1/entered',
      '/Notify#1/failed',
      '/Notify#1@1/failed',
      '!execution/failed~0',
    );
    expect(tasksToRetry(journal, history)).toEqual(['/Notify#1/task', '/Notify#1@1/task']);
  });

  it('keeps a failure that a Catch handled, since the branch went on from it', () => {
    const journal = [failed('/Reserve#1/task', 1), failed('/Release#1/task', 2)];
    const history = events(
      '/Reserve#1/entered',
      '/Reserve#1/failed',
      '/Release#1/entered',
      '/Release#1/failed',
    );
    expect(tasksToRetry(journal, history)).toEqual(['/Release#1/task']);
  });

  it('retries the failed iteration of a Map but not its siblings that succeeded', () => {
    const journal = [succeeded('/Each#1[0]/Work#1/task', 1), failed('/Each#1[1]/Work#1/task', 2)];
    const history = events(
      '/Each#1[1]/Work#1/failed',
      '/Each#1[0]/Work#1/succeeded',
      '/Each#1[0]/Done#1/entered',
      '/Each#1/failed',
    );
    expect(tasksToRetry(journal, history)).toEqual(['/Each#1[1]/Work#1/task']);
  });

  it('sends again a callback that was still waiting when the execution stopped', () => {
    const journal = [{ key: 'sent:/Review#1/task', outcome: 'true', seq: 1 }];
    expect(tasksToRetry(journal, events('/Review#1/entered'))).toEqual(['/Review#1/task']);
  });
});
