import { describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../../../local/engine/contract.ts';
import {
  createEngine,
  createVirtualClock,
  type Engine,
  type VirtualClock,
} from '../../../../local/engine/index.ts';
import { loadCorpus } from '../../../conformance/corpus.ts';

/**
 * Sequential executions store their journal only and their history is rebuilt by replaying it
 * (history-replay.ts). Each scenario runs on two engines side by side, one storing every event as
 * it happens and one rebuilding; their histories must be the same, event for event.
 */

const roleArn = 'arn:aws:iam::123456789012:role/test';
const fn = (name: string) => `arn:aws:lambda:us-east-1:123456789012:function:${name}`;

interface Pair {
  stored: Engine;
  replayed: Engine;
  clock: VirtualClock;
}

/** `invoker`: makes each engine's Lambda stand-in (each keeps its own state). */
function openPair(invoker?: () => LambdaInvoker): Pair {
  const clock = createVirtualClock();
  const common = { storePath: ':memory:', clock };
  return {
    stored: createEngine({ ...common, historyByReplay: false, ...(invoker && { lambdaInvoker: invoker() }) }),
    replayed: createEngine({ ...common, ...(invoker && { lambdaInvoker: invoker() }) }),
    clock,
  };
}

async function history(engine: Engine, executionArn: string) {
  const events = [];
  let nextToken: string | undefined;
  do {
    const page = await engine.getExecutionHistory({
      executionArn,
      maxResults: 7,
      ...(nextToken && { nextToken }),
    });
    events.push(...page.events);
    nextToken = page.nextToken;
  } while (nextToken);
  return events;
}

/**
 * Events without their timestamps (the two engines run a few milliseconds apart), UUIDs and task
 * tokens (each engine draws its own) numbered in their order of appearance.
 */
function untimed(events: Awaited<ReturnType<typeof history>>) {
  const seen = new Map<string, string>();
  const text = JSON.stringify(events.map(({ timestamp: _timestamp, ...event }) => event)).replace(
    /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|[A-Za-z0-9_-]{64}/g,
    (drawn) => {
      if (!seen.has(drawn)) seen.set(drawn, `<drawn ${seen.size + 1}>`);
      return seen.get(drawn)!;
    },
  );
  return JSON.parse(text) as unknown;
}

function start(engine: Engine, name: string, definition: unknown, input: unknown) {
  const { stateMachineArn } = engine.createStateMachine({
    name,
    definition: JSON.stringify(definition),
    roleArn,
  });
  return engine.startExecution({ stateMachineArn, name: 'run', input: JSON.stringify(input) }).executionArn;
}

async function settle(pair: Pair, arns: string[]) {
  for (let turn = 0; turn < 200; turn++) {
    const running = arns.some(
      (arn, index) =>
        (index % 2 ? pair.replayed : pair.stored).describeExecution({ executionArn: arn }).status ===
        'RUNNING',
    );
    if (!running) return;
    await pair.clock.advance(3_600_000);
  }
}

async function expectSameHistories(pair: Pair, storedArn: string, replayedArn: string) {
  const stored = await history(pair.stored, storedArn);
  const replayed = await history(pair.replayed, replayedArn);
  expect(untimed(replayed)).toEqual(untimed(stored));
  const times = replayed.map((event) => event.timestamp.getTime());
  expect(times).toEqual([...times].sort((a, b) => a - b));
  return replayed;
}

describe('history rebuilt by replay', () => {
  it('is the stored history, event for event, for every sequential case of the AWS corpus', async () => {
    const pair = openPair();
    const cases = loadCorpus().filter(
      (testCase) => !JSON.stringify(testCase.definition).match(/"Type":"(Parallel|Map)"/),
    );
    expect(cases.length).toBeGreaterThan(500);
    const replayedRows = [];
    for (const [index, testCase] of cases.entries()) {
      const storedArn = start(pair.stored, `case-${index}`, testCase.definition, testCase.input);
      const replayedArn = start(pair.replayed, `case-${index}`, testCase.definition, testCase.input);
      await settle(pair, [storedArn, replayedArn]);
      await expectSameHistories(pair, storedArn, replayedArn);
      replayedRows.push(pair.replayed.runtime.store.getExecution(replayedArn)!);
    }
    // The replaying engine stored no event for them: only journal lines.
    expect(replayedRows.every((row) => row.historyByReplay === 1)).toBe(true);
    const [{ events }] = pair.replayed.runtime.store.raw(
      'SELECT count(*) AS events FROM log_chunks WHERE first_id > 0',
    ) as [{ events: number }];
    expect(events).toBe(0);
    pair.stored.close();
    pair.replayed.close();
  }, 120_000);

  it('is the same with tasks retried, caught, timed out, callbacks, waits, $$ time and UUIDs', async () => {
    const pair = openPair(() => {
      let calls = 0;
      return async (arn, payload) => {
        const name = arn.split(':').at(-1);
        if (name === 'flaky' && ++calls < 3) throw Object.assign(new Error('busy'), { name: 'Busy' });
        if (name === 'broken') throw Object.assign(new Error('no stock'), { name: 'Stock.Empty' });
        if (name === 'slow') return new Promise(() => undefined);
        return { echoed: payload };
      };
    });
    const definition = {
      StartAt: 'Flaky',
      States: {
        Flaky: {
          Type: 'Task',
          Resource: fn('flaky'),
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 5, MaxAttempts: 4, BackoffRate: 2 }],
          ResultPath: '$.flaky',
          Next: 'Stamp',
        },
        Stamp: {
          Type: 'Pass',
          Parameters: { 'entered.$': '$$.State.EnteredTime', 'id.$': 'States.UUID()' },
          ResultPath: '$.stamp',
          Next: 'Broken',
        },
        Broken: {
          Type: 'Task',
          Resource: fn('broken'),
          Catch: [{ ErrorEquals: ['States.ALL'], ResultPath: '$.caught', Next: 'Pause' }],
          Next: 'Pause',
        },
        Pause: { Type: 'Wait', Seconds: 3600, Next: 'Slow' },
        Slow: {
          Type: 'Task',
          Resource: fn('slow'),
          TimeoutSeconds: 60,
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Ask' }],
          End: true,
        },
        Ask: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
          Parameters: { FunctionName: fn('ask'), Payload: { 'token.$': '$$.Task.Token' } },
          HeartbeatSeconds: 36_000,
          End: true,
        },
      },
    };
    const storedArn = start(pair.stored, 'tasks', definition, { household: 'h-1' });
    const replayedArn = start(pair.replayed, 'tasks', definition, { household: 'h-1' });
    for (let turn = 0; turn < 20; turn++) await pair.clock.advance(600_000);
    // Waiting on the callback: the running execution's history so far is the same too.
    expect(pair.replayed.describeExecution({ executionArn: replayedArn }).status).toBe('RUNNING');
    await expectSameHistories(pair, storedArn, replayedArn);
    for (const [engine, arn] of [
      [pair.stored, storedArn],
      [pair.replayed, replayedArn],
    ] as const) {
      const scheduled = (await history(engine, arn)).findLast(
        (event) => event.type === 'TaskScheduled',
      ) as unknown as {
        taskScheduledEventDetails: { parameters: string };
      };
      const token = JSON.parse(scheduled.taskScheduledEventDetails.parameters).Payload.token as string;
      engine.sendTaskSuccess({ taskToken: token, output: '{"answer":"yes"}' });
    }
    await settle(pair, [storedArn, replayedArn]);
    const events = await expectSameHistories(pair, storedArn, replayedArn);
    expect(events.map((event) => event.type)).toContain('LambdaFunctionTimedOut');
    // The UUID and token drawn in the run, not new ones: the replayed output is the execution's.
    expect(events.at(-1)).toMatchObject({
      type: 'ExecutionSucceeded',
      executionSucceededEventDetails: {
        output: pair.replayed.describeExecution({ executionArn: replayedArn }).output,
      },
    });
    pair.stored.close();
    pair.replayed.close();
  });

  it('ends with the event the row tells when the execution was stopped or timed out', async () => {
    const pair = openPair();
    const waiting = { StartAt: 'Pause', States: { Pause: { Type: 'Wait', Seconds: 86_400, End: true } } };
    const stoppedStored = start(pair.stored, 'stopped', waiting, {});
    const stoppedReplayed = start(pair.replayed, 'stopped', waiting, {});
    const timingOut = { ...waiting, TimeoutSeconds: 60 };
    const timedStored = start(pair.stored, 'timed', timingOut, {});
    const timedReplayed = start(pair.replayed, 'timed', timingOut, {});
    await pair.clock.advance(1000);
    pair.stored.stopExecution({ executionArn: stoppedStored, error: 'Operator', cause: 'duplicate' });
    pair.replayed.stopExecution({ executionArn: stoppedReplayed, error: 'Operator', cause: 'duplicate' });
    await pair.clock.advance(120_000);
    const stopped = await expectSameHistories(pair, stoppedStored, stoppedReplayed);
    expect(stopped.at(-1)).toMatchObject({
      type: 'ExecutionAborted',
      executionAbortedEventDetails: { error: 'Operator', cause: 'duplicate' },
    });
    const timed = await expectSameHistories(pair, timedStored, timedReplayed);
    expect(timed.at(-1)!.type).toBe('ExecutionTimedOut');
    pair.stored.close();
    pair.replayed.close();
  });

  it('stores the history before a redrive, which then goes on as for any execution', async () => {
    let failing = true;
    const pair = openPair(() => async (arn, payload) => {
      if (arn.endsWith(':second') && failing) throw Object.assign(new Error('down'), { name: 'Down' });
      return { echoed: payload };
    });
    const definition = {
      StartAt: 'First',
      States: {
        First: { Type: 'Task', Resource: fn('first'), ResultPath: '$.first', Next: 'Second' },
        Second: { Type: 'Task', Resource: fn('second'), ResultPath: '$.second', End: true },
      },
    };
    const storedArn = start(pair.stored, 'redrive', definition, {});
    const replayedArn = start(pair.replayed, 'redrive', definition, {});
    await settle(pair, [storedArn, replayedArn]);
    await expectSameHistories(pair, storedArn, replayedArn);
    failing = false;
    await pair.stored.redriveExecution({ executionArn: storedArn });
    await pair.replayed.redriveExecution({ executionArn: replayedArn });
    expect(pair.replayed.runtime.store.getExecution(replayedArn)!.historyByReplay).toBe(0);
    await pair.stored.waitForExecution(storedArn);
    await pair.replayed.waitForExecution(replayedArn);
    const events = await expectSameHistories(pair, storedArn, replayedArn);
    expect(events.map((event) => event.type).slice(-4)).toEqual([
      'ExecutionRedriven',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
    pair.stored.close();
    pair.replayed.close();
  });
});
