import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createEngine,
  createVirtualClock,
  type Engine,
  type ExecutionStatusChangeDetail,
} from '../../../../local/engine/index.ts';
import { definition, roleArn, standInInterpreter, temporaryDatabase } from './stand-in-interpreter.ts';

const engines: Engine[] = [];
afterEach(() => {
  for (const engine of engines.splice(0)) engine.close();
});

function engineWith(invoke: () => Promise<unknown>) {
  const changes: ExecutionStatusChangeDetail[] = [];
  const engine = createEngine({
    storePath: temporaryDatabase(),
    clock: createVirtualClock(),
    lambdaInvoker: invoke,
    runExecution: standInInterpreter,
    onExecutionStatusChange: (detail) => changes.push(detail),
  });
  engines.push(engine);
  const { stateMachineArn } = engine.createStateMachine({ name: 'work', definition, roleArn });
  return { engine, changes, stateMachineArn };
}

describe('execution status change events', () => {
  it('tells of the start, the failure, the redrive and the success, with the detail AWS sends', async () => {
    let calls = 0;
    const { engine, changes, stateMachineArn } = engineWith(async () => {
      calls++;
      if (calls === 1) throw Object.assign(new Error('database unavailable'), { name: 'TransientError' });
      return 'recovered';
    });
    const { executionArn } = engine.startExecution({
      stateMachineArn,
      name: 'hh-1',
      input: '{"householdId":"hh-1"}',
    });
    // Told once the start is committed, not before.
    expect(changes).toHaveLength(0);
    await vi.waitFor(() => expect(changes.length).toBeGreaterThan(0));
    expect(changes[0]).toMatchObject({
      executionArn,
      stateMachineArn,
      name: 'hh-1',
      status: 'RUNNING',
      input: '{"householdId":"hh-1"}',
      inputDetails: { included: true },
      stopDate: null,
      output: null,
      error: null,
      redriveCount: 0,
      redriveDate: null,
      redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(typeof changes[0]!.startDate).toBe('number');

    await engine.waitForExecution(executionArn);
    await vi.waitFor(() => expect(changes).toHaveLength(2));
    expect(changes[1]).toMatchObject({
      executionArn,
      status: 'FAILED',
      error: 'TransientError',
      cause: expect.stringContaining('database unavailable'),
      redriveCount: 0,
      redriveStatus: 'REDRIVABLE',
      redriveStatusReason: null,
      input: '{"householdId":"hh-1"}',
    });
    expect(changes[1]!.stopDate).toBeGreaterThanOrEqual(changes[1]!.startDate);

    await engine.redriveExecution({ executionArn });
    await vi.waitFor(() => expect(changes).toHaveLength(3));
    expect(changes[2]).toMatchObject({ status: 'RUNNING', redriveCount: 1, stopDate: null, error: null });
    expect(typeof changes[2]!.redriveDate).toBe('number');

    await engine.waitForExecution(executionArn);
    await vi.waitFor(() => expect(changes).toHaveLength(4));
    expect(changes.map((change) => change.status)).toEqual(['RUNNING', 'FAILED', 'RUNNING', 'SUCCEEDED']);
    expect(changes[3]).toMatchObject({
      status: 'SUCCEEDED',
      redriveCount: 1,
      outputDetails: { included: true },
      redriveStatus: 'NOT_REDRIVABLE',
    });
    expect(JSON.parse(changes[3]!.output!).result).toBe('recovered');
  });

  it('tells of a stopped execution as ABORTED, and a listener that throws disturbs nothing', async () => {
    const changes: string[] = [];
    const clock = createVirtualClock();
    const engine = createEngine({
      storePath: temporaryDatabase(),
      clock,
      lambdaInvoker: async () => 'ok',
      runExecution: standInInterpreter,
      onExecutionStatusChange: (detail) => {
        changes.push(detail.status);
        throw new Error('listener broke');
      },
    });
    engines.push(engine);
    const { stateMachineArn } = engine.createStateMachine({ name: 'work', definition, roleArn });
    const { executionArn } = engine.startExecution({
      stateMachineArn,
      input: JSON.stringify({ waitSeconds: 3600 }),
    });
    await clock.advance(1000);
    engine.stopExecution({ executionArn, error: 'Operator.Stop' });
    const stopped = await engine.waitForExecution(executionArn);
    expect(stopped.status).toBe('ABORTED');
    await vi.waitFor(() => expect(changes).toEqual(['RUNNING', 'ABORTED']));
  });
});

describe('status change events, at least once', () => {
  const failing = async () => {
    throw Object.assign(new Error('partner service down'), { name: 'PartnerError' });
  };

  it('stores each event in the commit of its change and tells of it only once that commit is durable', async () => {
    const storePath = temporaryDatabase();
    const seen: { status: string; committed: unknown[] }[] = [];
    const reader = () => new DatabaseSync(storePath, { readOnly: true });
    const engine = createEngine({
      storePath,
      clock: createVirtualClock(),
      lambdaInvoker: failing,
      runExecution: standInInterpreter,
      onExecutionStatusChange: (detail) => {
        // What another connection sees when the listener is told: the change and its event.
        const db = reader();
        const row = db.prepare('SELECT status FROM executions WHERE arn = ?').get(detail.executionArn);
        seen.push({ status: detail.status, committed: [row?.['status']] });
        db.close();
      },
    });
    engines.push(engine);
    const { stateMachineArn } = engine.createStateMachine({ name: 'work', definition, roleArn });
    const { executionArn } = engine.startExecution({ stateMachineArn, input: '{"householdId":"hh-2"}' });
    await engine.waitForExecution(executionArn);
    await vi.waitFor(() => expect(seen).toHaveLength(2));
    expect(seen).toEqual([
      { status: 'RUNNING', committed: ['RUNNING'] },
      { status: 'FAILED', committed: ['FAILED'] },
    ]);
    // Taken by the listener: nothing is kept.
    await vi.waitFor(() => expect(engine.runtime.store.pendingStatusEvents()).toEqual([]));
  });

  it('hands over again, at the next start, the events a listener did not take', async () => {
    const storePath = temporaryDatabase();
    const clock = createVirtualClock();
    const first: string[] = [];
    const before = createEngine({
      storePath,
      clock,
      lambdaInvoker: failing,
      runExecution: standInInterpreter,
      // Takes the start; the end it neither takes nor refuses (a crash before it was handed on),
      onExecutionStatusChange: (detail) => {
        first.push(detail.status);
        return detail.status === 'RUNNING' ? undefined : new Promise(() => {});
      },
    });
    const { stateMachineArn } = before.createStateMachine({ name: 'work', definition, roleArn });
    const { executionArn } = before.startExecution({ stateMachineArn, input: '{"householdId":"hh-3"}' });
    await before.waitForExecution(executionArn);
    await vi.waitFor(() => expect(first).toEqual(['RUNNING', 'FAILED']));
    before.close();

    const second: ExecutionStatusChangeDetail[] = [];
    const after = createEngine({
      storePath,
      clock,
      lambdaInvoker: failing,
      runExecution: standInInterpreter,
      onExecutionStatusChange: (detail) => {
        second.push(detail);
      },
    });
    engines.push(after);
    await vi.waitFor(() => expect(second).toHaveLength(1));
    expect(second[0]).toMatchObject({ executionArn, status: 'FAILED', error: 'PartnerError' });
    await vi.waitFor(() => expect(after.runtime.store.pendingStatusEvents()).toEqual([]));
  });

  it('keeps the event of a listener that throws or rejects, and never disturbs the execution', async () => {
    const storePath = temporaryDatabase();
    const clock = createVirtualClock();
    const engine = createEngine({
      storePath,
      clock,
      lambdaInvoker: async () => 'ok',
      runExecution: standInInterpreter,
      onExecutionStatusChange: (detail) => {
        if (detail.status === 'RUNNING') throw new Error('rule target unreachable');
        return Promise.reject(new Error('queue full'));
      },
    });
    engines.push(engine);
    const { stateMachineArn } = engine.createStateMachine({ name: 'work', definition, roleArn });
    const { executionArn } = engine.startExecution({ stateMachineArn, input: '{"householdId":"hh-4"}' });
    expect((await engine.waitForExecution(executionArn)).status).toBe('SUCCEEDED');
    await vi.waitFor(() =>
      expect(
        engine.runtime.store
          .pendingStatusEvents()
          .map((event) => (JSON.parse(event.detail) as ExecutionStatusChangeDetail).status),
      ).toEqual(['RUNNING', 'SUCCEEDED']),
    );
  });

  it('stores and tells of only the events the filter wants', async () => {
    const storePath = temporaryDatabase();
    const told: string[] = [];
    let calls = 0;
    const engine = createEngine({
      storePath,
      clock: createVirtualClock(),
      lambdaInvoker: async () => {
        calls++;
        if (calls === 2) throw Object.assign(new Error('no stock'), { name: 'StockError' });
        return 'ok';
      },
      runExecution: standInInterpreter,
      statusChangeFilter: (detail) => detail.status === 'FAILED',
      // Never takes an event: whatever the filter let through stays stored.
      onExecutionStatusChange: (detail) => {
        told.push(detail.status);
        return new Promise(() => {});
      },
    });
    engines.push(engine);
    const { stateMachineArn } = engine.createStateMachine({ name: 'work', definition, roleArn });
    for (const name of ['hh-5', 'hh-6']) {
      const { executionArn } = engine.startExecution({ stateMachineArn, name, input: '{}' });
      await engine.waitForExecution(executionArn);
    }
    await vi.waitFor(() => expect(told).toEqual(['FAILED']));
    const stored = engine.runtime.store.pendingStatusEvents();
    expect(stored.map((event) => JSON.parse(event.detail).name)).toEqual(['hh-6']);
  });
});
