import type { HistoryEvent } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import { parseEngineOutput } from '../../../bench/engine-throughput.ts';
import { executionUsage } from '../../../bench/lib/execution-usage.ts';
import {
  callerEndpoint,
  capacityUnits,
  combineMeters,
  emptyCounts,
  splitCallerPath,
} from '../../../bench/lib/request-meter.ts';

const at = (ms: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, 0, ms));

describe('executionUsage', () => {
  it('counts states entered, Lambda tasks with their duration, and service integrations', () => {
    const events: HistoryEvent[] = [
      { id: 1, type: 'ExecutionStarted', timestamp: at(0) },
      {
        id: 2,
        previousEventId: 1,
        type: 'PassStateEntered',
        timestamp: at(1),
        stateEnteredEventDetails: { name: 'Start' },
      },
      { id: 3, previousEventId: 2, type: 'PassStateExited', timestamp: at(1) },
      {
        id: 4,
        previousEventId: 3,
        type: 'TaskStateEntered',
        timestamp: at(2),
        stateEnteredEventDetails: { name: 'Deduplicate' },
      },
      {
        id: 5,
        previousEventId: 4,
        type: 'TaskScheduled',
        timestamp: at(2),
        taskScheduledEventDetails: {
          resourceType: 'lambda',
          resource: 'invoke',
          region: 'us-east-1',
          parameters: JSON.stringify({
            FunctionName: 'arn:aws:lambda:us-east-1:1:function:dedupe',
            Payload: {},
          }),
        },
      },
      { id: 6, previousEventId: 5, type: 'TaskStarted', timestamp: at(10) },
      { id: 7, previousEventId: 6, type: 'TaskSucceeded', timestamp: at(35) },
      { id: 8, previousEventId: 7, type: 'TaskStateExited', timestamp: at(35) },
      {
        id: 9,
        previousEventId: 8,
        type: 'TaskStateEntered',
        timestamp: at(36),
        stateEnteredEventDetails: { name: 'Record' },
      },
      {
        id: 10,
        previousEventId: 9,
        type: 'TaskScheduled',
        timestamp: at(36),
        taskScheduledEventDetails: {
          resourceType: 'dynamodb',
          resource: 'updateItem',
          region: 'us-east-1',
          parameters: '{}',
        },
      },
      { id: 11, previousEventId: 10, type: 'TaskStarted', timestamp: at(37) },
      { id: 12, previousEventId: 11, type: 'TaskSucceeded', timestamp: at(40) },
      {
        id: 13,
        previousEventId: 12,
        type: 'SucceedStateEntered',
        timestamp: at(41),
        stateEnteredEventDetails: { name: 'Done' },
      },
    ];
    expect(executionUsage(events)).toEqual({
      stateTransitions: 4,
      retries: 0,
      lambdaInvocations: [{ functionName: 'dedupe', durationMs: 25, callback: false }],
      serviceCalls: { 'dynamodb:updateItem': 1 },
      nestedExecutions: 0,
      path: ['Start', 'Deduplicate', 'Record', 'Done'],
      events: 13,
    });
  });
});

/** A history built event by event: ids and previousEventId chained in order. */
function history() {
  const events: HistoryEvent[] = [];
  const add = (ms: number, type: string, extra: Partial<HistoryEvent> = {}) => {
    events.push({
      id: events.length + 1,
      previousEventId: events.length,
      type,
      timestamp: at(ms),
      ...extra,
    } as HistoryEvent);
    return add;
  };
  const enter = (ms: number, name: string) =>
    add(ms, 'TaskStateEntered', { stateEnteredEventDetails: { name } });
  const lambda = (ms: number, fn: string, resource = 'invoke') =>
    add(ms, 'TaskScheduled', {
      taskScheduledEventDetails: {
        resourceType: 'lambda',
        resource,
        region: 'us-east-1',
        parameters: JSON.stringify({ FunctionName: `arn:aws:lambda:us-east-1:1:function:${fn}` }),
      },
    });
  return { events, add, enter, lambda };
}

describe('executionUsage, billing details', () => {
  it('bills a retry as one more transition and counts each attempt as an invocation', () => {
    const h = history();
    h.enter(0, 'Reserve');
    h.lambda(1, 'reserve')(2, 'TaskStarted')(5, 'TaskFailed');
    h.lambda(1000, 'reserve')(1001, 'TaskStarted')(1010, 'TaskSucceeded');
    h.add(1011, 'TaskStateExited');
    const usage = executionUsage(h.events);
    expect(usage.stateTransitions).toBe(2);
    expect(usage.retries).toBe(1);
    expect(usage.lambdaInvocations).toEqual([
      { functionName: 'reserve', durationMs: 3, callback: false },
      { functionName: 'reserve', durationMs: 9, callback: false },
    ]);
  });

  it('counts a callback task when it starts, with no duration: its result comes when the token is answered', () => {
    const h = history();
    h.enter(0, 'Wait for confirmation');
    h.lambda(1, 'await', 'invoke.waitForTaskToken')(2, 'TaskStarted')(86_400_000, 'TaskSucceeded');
    expect(executionUsage(h.events).lambdaInvocations).toEqual([
      { functionName: 'await', durationMs: null, callback: true },
    ]);
  });

  it('splits one history into time windows: each counts what was entered or started in it', () => {
    const h = history();
    h.enter(0, 'Compute');
    h.lambda(1, 'compute')(2, 'TaskStarted')(10, 'TaskSucceeded');
    h.enter(11, 'Reserve');
    h.lambda(12, 'reserve', 'invoke.waitForTaskToken')(13, 'TaskStarted')(5000, 'TaskSucceeded');
    h.enter(5001, 'Done');
    const start = at(0).getTime();
    const before = executionUsage(h.events, { from: start, to: start + 1000 });
    const after = executionUsage(h.events, { from: start + 1000, to: start + 10_000 });
    expect(before.path).toEqual(['Compute', 'Reserve']);
    expect(before.lambdaInvocations.map((call) => call.functionName)).toEqual(['compute', 'reserve']);
    expect(after.path).toEqual(['Done']);
    expect(after.lambdaInvocations).toEqual([]);
    expect(before.stateTransitions + after.stateTransitions).toBe(executionUsage(h.events).stateTransitions);
  });
});

describe('capacityUnits', () => {
  it('sums one object or a list, as transactions and batches return', () => {
    expect(capacityUnits(undefined)).toBe(0);
    expect(capacityUnits({ CapacityUnits: 1.5 })).toBe(1.5);
    expect(capacityUnits([{ CapacityUnits: 2 }, { CapacityUnits: 4 }, {}])).toBe(6);
  });
});

describe('parseEngineOutput', () => {
  it('reads the rates and the ratio bench/engine.ts prints', () => {
    const parsed = parseEngineOutput(
      [
        '10-state workflow (Pass, Choice, Task), 500 executions, 100 in flight, median of 1 rounds',
        'durable engine (SQLite WAL, durable)        812 /s wall     903 /s of CPU',
        'aws-local-stepfunctions (in memory)         640 /s wall     700 /s of CPU',
        'ratio durable / aws-local-stepfunctions: 1.27 (wall), 1.29 (CPU)',
      ].join('\n'),
    );
    expect(parsed.lines).toEqual([
      { label: 'durable engine (SQLite WAL, durable)', wallPerSecond: 812, cpuPerSecond: 903 },
      { label: 'aws-local-stepfunctions (in memory)', wallPerSecond: 640, cpuPerSecond: 700 },
    ]);
    expect(parsed.ratioWall).toBe(1.27);
    expect(parsed.ratioCpu).toBe(1.29);
  });

  it('fails loudly when the output has no figures', () => {
    expect(() => parseEngineOutput('something else')).toThrow(/printed no figures/);
  });
});

describe('request meter callers', () => {
  it('names the caller in the endpoint path and forwards the rest unchanged', () => {
    const endpoint = callerEndpoint('http://127.0.0.1:9000', 'CaseworkService-FnReserve');
    expect(endpoint).toBe('http://127.0.0.1:9000/fn/CaseworkService-FnReserve');
    expect(splitCallerPath('/fn/CaseworkService-FnReserve/')).toEqual({
      caller: 'CaseworkService-FnReserve',
      path: '/',
    });
    expect(splitCallerPath('/fn/Fn/bucket/k/x.txt?x-id=PutObject')).toEqual({
      caller: 'Fn',
      path: '/bucket/k/x.txt?x-id=PutObject',
    });
    expect(splitCallerPath('/fn/Fn?list-type=2')).toEqual({ caller: 'Fn', path: '/?list-type=2' });
    expect(splitCallerPath('/bucket/key')).toEqual({ caller: undefined, path: '/bucket/key' });
  });

  it('combines the DynamoDB meter and the S3 meter caller by caller', () => {
    const dynamo = {
      ...emptyCounts(),
      dynamoWriteUnits: 3,
      byCaller: { a: { ...emptyCounts(), dynamoWriteUnits: 3 } },
    };
    const s3 = { ...emptyCounts(), s3Writes: 1, byCaller: { b: { ...emptyCounts(), s3Writes: 1 } } };
    const combined = combineMeters(dynamo, s3);
    expect(combined.dynamoWriteUnits).toBe(3);
    expect(combined.s3Writes).toBe(1);
    expect(combined.byCaller).toEqual({
      a: { dynamoReadUnits: 0, dynamoWriteUnits: 3, s3Reads: 0, s3Writes: 0 },
      b: { dynamoReadUnits: 0, dynamoWriteUnits: 0, s3Reads: 0, s3Writes: 1 },
    });
  });
});
