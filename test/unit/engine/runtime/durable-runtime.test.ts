import { afterEach, describe, expect, it } from 'vitest';
import type { LambdaInvoker } from '../../../../local/engine/contract.ts';
import {
  createEngine,
  createVirtualClock,
  type Engine,
  type VirtualClock,
} from '../../../../local/engine/index.ts';
import { definition, roleArn, standInInterpreter, temporaryDatabase } from './stand-in-interpreter.ts';

const engines: Engine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.close();
});

function open(storePath: string, clock: VirtualClock, lambdaInvoker: LambdaInvoker) {
  const engine = createEngine({ storePath, clock, lambdaInvoker, runExecution: standInInterpreter });
  engines.push(engine);
  return engine;
}

async function machine(engine: Engine) {
  const { stateMachineArn } = engine.createStateMachine({ name: 'work', definition, roleArn });
  return stateMachineArn;
}

/** Journal entries of an execution whose key starts with `prefix` (`now:`, `task:`, ...). */
const journalOf = (engine: Engine, executionArn: string, prefix: string) =>
  engine.runtime.store
    .loadJournal(engine.runtime.store.getExecution(executionArn)!.id)
    .filter((entry) => entry.key.startsWith(prefix))
    .map(({ key, outcome }) => ({ key, outcome }));

const eventTypes = async (engine: Engine, executionArn: string) =>
  (await engine.getExecutionHistory({ executionArn })).events.map((event) => event.type);

describe('durable runtime', () => {
  it('runs a task then a wait on virtual time and records the history', async () => {
    const clock = createVirtualClock();
    const engine = open(temporaryDatabase(), clock, async (_arn, payload) => ({ echoed: payload }));
    const { executionArn } = engine.startExecution({
      stateMachineArn: await machine(engine),
      input: JSON.stringify({ waitSeconds: 14 * 24 * 3600 }),
    });
    await clock.advance(1000);
    expect(engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    await clock.advance(14 * 24 * 3600 * 1000);
    const done = await engine.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).result).toEqual({ echoed: { waitSeconds: 1209600 } });
    expect(await eventTypes(engine, executionArn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskSucceeded',
      'WaitStateEntered',
      'WaitStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('resumes a waiting execution after a restart without invoking its task again', async () => {
    const clock = createVirtualClock();
    const storePath = temporaryDatabase();
    let invocations = 0;
    const invoker: LambdaInvoker = async () => ++invocations;
    const first = open(storePath, clock, invoker);
    const { executionArn } = first.startExecution({
      stateMachineArn: await machine(first),
      input: JSON.stringify({ waitSeconds: 60 }),
    });
    await clock.advance(10_000);
    const nowBefore = journalOf(first, executionArn, 'now:');
    expect(nowBefore).toHaveLength(1);
    first.close();
    engines.splice(engines.indexOf(first), 1);

    const second = open(storePath, clock, invoker);
    await clock.advance(50_000);
    const done = await second.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(invocations).toBe(1);
    expect(journalOf(second, executionArn, 'now:')).toEqual(nowBefore);
    expect((await eventTypes(second, executionArn)).filter((type) => type === 'TaskScheduled')).toHaveLength(
      1,
    );
  });

  it('fires a wait whose time passed while the engine was down', async () => {
    const clock = createVirtualClock();
    const storePath = temporaryDatabase();
    const first = open(storePath, clock, async () => 'ok');
    const { executionArn } = first.startExecution({
      stateMachineArn: await machine(first),
      input: JSON.stringify({ waitSeconds: 30 }),
    });
    await clock.advance(1);
    first.close();
    engines.splice(engines.indexOf(first), 1);
    await clock.advance(60_000);
    const second = open(storePath, clock, async () => 'ok');
    expect((await second.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
  });

  it('accepts a task token issued before a restart', async () => {
    const clock = createVirtualClock();
    const storePath = temporaryDatabase();
    let invocations = 0;
    const invoker: LambdaInvoker = async () => {
      invocations++;
      return {};
    };
    const first = open(storePath, clock, invoker);
    const { executionArn } = first.startExecution({
      stateMachineArn: await machine(first),
      input: JSON.stringify({
        resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        parameters: { FunctionName: 'f', Payload: {} },
      }),
    });
    await clock.advance(1);
    first.close();
    engines.splice(engines.indexOf(first), 1);
    const second = open(storePath, clock, invoker);
    await clock.advance(1);
    expect(invocations).toBe(1);
    const token = second.runtime.store.raw('SELECT token FROM tokens')[0]!.token as string;
    second.sendTaskSuccess({ taskToken: token, output: '{"approved":true}' });
    const done = await second.waitForExecution(executionArn);
    expect(done.status).toBe('SUCCEEDED');
    expect(JSON.parse(done.output!).result).toEqual({ approved: true });
    expect(() => second.sendTaskSuccess({ taskToken: token, output: '{}' })).toThrow(
      expect.objectContaining({ awsType: 'TaskTimedOut' }),
    );
  });

  it('fails a callback with States.Timeout and States.HeartbeatTimeout on time', async () => {
    const clock = createVirtualClock();
    const engine = open(temporaryDatabase(), clock, async () => ({}));
    const stateMachineArn = await machine(engine);
    const callback = {
      resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      parameters: { FunctionName: 'f' },
    };
    const timed = engine.startExecution({
      stateMachineArn,
      input: JSON.stringify({ ...callback, timeoutSeconds: 14 * 24 * 3600 }),
    });
    const beating = engine.startExecution({
      stateMachineArn,
      input: JSON.stringify({ ...callback, heartbeatSeconds: 60 }),
    });
    await clock.advance(1);
    const beatingToken = engine.runtime.store.raw(
      'SELECT token FROM tokens t JOIN executions e ON e.id = t.execution_id WHERE e.arn = ?',
      beating.executionArn,
    )[0]!.token as string;
    await clock.advance(50_000);
    engine.sendTaskHeartbeat({ taskToken: beatingToken });
    await clock.advance(50_000);
    expect(engine.describeExecution({ executionArn: beating.executionArn }).status).toBe('RUNNING');
    await clock.advance(20_000);
    const heartbeatFailure = await engine.waitForExecution(beating.executionArn);
    expect(heartbeatFailure).toMatchObject({ status: 'FAILED', error: 'States.HeartbeatTimeout' });
    expect(() => engine.sendTaskHeartbeat({ taskToken: beatingToken })).toThrow(
      expect.objectContaining({ awsType: 'TaskTimedOut' }),
    );
    await clock.advance(14 * 24 * 3600 * 1000);
    expect(await engine.waitForExecution(timed.executionArn)).toMatchObject({
      status: 'FAILED',
      error: 'States.Timeout',
    });
  });

  it('refuses unknown and malformed task tokens with AWS error names', () => {
    const engine = open(temporaryDatabase(), createVirtualClock(), async () => ({}));
    expect(() => engine.sendTaskSuccess({ taskToken: 'x'.repeat(3000), output: '{}' })).toThrow(
      expect.objectContaining({ awsType: 'InvalidToken' }),
    );
    expect(() => engine.sendTaskFailure({ taskToken: 'unknown-token' })).toThrow(
      expect.objectContaining({ awsType: 'TaskDoesNotExist' }),
    );
  });

  it('starts executions idempotently by name and input, as AWS does', async () => {
    const clock = createVirtualClock();
    const engine = open(temporaryDatabase(), clock, async () => 'ok');
    const stateMachineArn = await machine(engine);
    const input = JSON.stringify({ waitSeconds: 100 });
    const first = engine.startExecution({ stateMachineArn, name: 'household-42', input });
    const again = engine.startExecution({ stateMachineArn, name: 'household-42', input });
    expect(again.executionArn).toBe(first.executionArn);
    expect(() =>
      engine.startExecution({ stateMachineArn, name: 'household-42', input: '{"other":1}' }),
    ).toThrow(expect.objectContaining({ awsType: 'ExecutionAlreadyExists' }));
    await clock.advance(100_000);
    await engine.waitForExecution(first.executionArn);
    expect(() => engine.startExecution({ stateMachineArn, name: 'household-42', input })).toThrow(
      expect.objectContaining({ awsType: 'ExecutionAlreadyExists' }),
    );
  });

  it('refuses an input over 256 KiB and an input that is not JSON', async () => {
    const engine = open(temporaryDatabase(), createVirtualClock(), async () => 'ok');
    const stateMachineArn = await machine(engine);
    expect(() =>
      engine.startExecution({ stateMachineArn, input: JSON.stringify({ blob: 'x'.repeat(262_144) }) }),
    ).toThrow(expect.objectContaining({ awsType: 'ValidationException' }));
    expect(() => engine.startExecution({ stateMachineArn, input: '{oops' })).toThrow(
      expect.objectContaining({ awsType: 'InvalidExecutionInput' }),
    );
  });

  it('redrives a failed execution: the failed task runs again, successes stay', async () => {
    const clock = createVirtualClock();
    let calls = 0;
    const engine = open(temporaryDatabase(), clock, async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('database unavailable'), { name: 'TransientError' });
      return 'recovered';
    });
    const stateMachineArn = await machine(engine);
    const { executionArn } = engine.startExecution({ stateMachineArn, input: '{}' });
    const failed = await engine.waitForExecution(executionArn);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'TransientError', redriveStatus: 'REDRIVABLE' });
    expect(journalOf(engine, executionArn, 'task:').map((entry) => JSON.parse(entry.outcome).ok)).toEqual([
      false,
    ]);
    await engine.redriveExecution({ executionArn });
    const redriven = await engine.waitForExecution(executionArn);
    expect(redriven).toMatchObject({ status: 'SUCCEEDED', redriveCount: 1 });
    expect(JSON.parse(redriven.output!).result).toBe('recovered');
    expect(journalOf(engine, executionArn, 'task:')).toEqual([
      { key: 'task:Work#1/task', outcome: '{"ok":true,"output":"recovered"}' },
    ]);
    expect(await eventTypes(engine, executionArn)).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskFailed',
      'ExecutionFailed',
      'ExecutionRedriven',
      'TaskSucceeded',
      'ExecutionSucceeded',
    ]);
    await expect(engine.redriveExecution({ executionArn })).rejects.toThrow(
      expect.objectContaining({ awsType: 'ExecutionNotRedrivable' }),
    );
    expect(engine.listExecutions({ stateMachineArn, redriveFilter: 'REDRIVEN' }).executions).toHaveLength(1);
  });

  it('times the whole execution out at the definition TimeoutSeconds', async () => {
    const clock = createVirtualClock();
    const engine = open(temporaryDatabase(), clock, async () => 'ok');
    const timed = JSON.stringify({ ...JSON.parse(definition), TimeoutSeconds: 60 });
    const { stateMachineArn } = engine.createStateMachine({ name: 'timed', definition: timed, roleArn });
    const { executionArn } = engine.startExecution({
      stateMachineArn,
      input: JSON.stringify({ waitSeconds: 3600 }),
    });
    await clock.advance(59_000);
    expect(engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    await clock.advance(2_000);
    expect(await engine.waitForExecution(executionArn)).toMatchObject({
      status: 'TIMED_OUT',
      error: 'States.Timeout',
    });
    expect((await eventTypes(engine, executionArn)).at(-1)).toBe('ExecutionTimedOut');
  });

  it('stops a waiting execution and cancels its timer', async () => {
    const clock = createVirtualClock();
    const engine = open(temporaryDatabase(), clock, async () => 'ok');
    const { executionArn } = engine.startExecution({
      stateMachineArn: await machine(engine),
      input: JSON.stringify({ waitSeconds: 3600 }),
    });
    await clock.advance(1000);
    engine.stopExecution({ executionArn, error: 'Operator.Stop', cause: 'duplicate household' });
    const stopped = await engine.waitForExecution(executionArn);
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Operator.Stop' });
    expect(clock.pendingTimers()).toBe(0);
    expect((await eventTypes(engine, executionArn)).at(-1)).toBe('ExecutionAborted');
    expect(engine.runtime.store.raw('SELECT * FROM timers')).toEqual([]);
  });
});
