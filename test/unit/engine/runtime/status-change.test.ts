import { afterEach, describe, expect, it } from 'vitest';
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
    expect(changes).toHaveLength(1);
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
    expect(changes).toHaveLength(2);
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
    expect(changes[2]).toMatchObject({ status: 'RUNNING', redriveCount: 1, stopDate: null, error: null });
    expect(typeof changes[2]!.redriveDate).toBe('number');

    await engine.waitForExecution(executionArn);
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
    expect(changes).toEqual(['RUNNING', 'ABORTED']);
  });
});
