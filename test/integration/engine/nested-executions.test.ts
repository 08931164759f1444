import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine, createVirtualClock, type Engine } from '../../../local/engine/index.ts';
import { roleArn } from './sfn-client.ts';

const child = {
  QueryLanguage: 'JSONata',
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.members > 0 %}', Next: 'Eligible' }],
      Default: 'Ineligible',
    },
    Eligible: { Type: 'Pass', Output: { eligible: true, members: '{% $states.input.members %}' }, End: true },
    Ineligible: { Type: 'Fail', Error: 'Household.Empty', Cause: 'no members' },
  },
};

const parent = (resource: string, extra: Record<string, unknown> = {}) => ({
  QueryLanguage: 'JSONata',
  StartAt: 'Run child',
  States: {
    'Run child': {
      Type: 'Task',
      Resource: resource,
      Arguments: {
        StateMachineArn: '{% $states.input.child %}',
        Input: { members: '{% $states.input.members %}' },
        ...extra,
      },
      End: true,
    },
  },
});

describe('states:startExecution against the same engine', () => {
  let engine: Engine;
  let childArn: string;
  const clock = createVirtualClock();
  const create = (name: string, definition: unknown) =>
    engine.createStateMachine({ name, definition: JSON.stringify(definition), roleArn }).stateMachineArn;

  beforeAll(() => {
    engine = createEngine({ storePath: ':memory:', clock });
    childArn = create('eligibility', child);
  });
  afterAll(() => engine.close());

  async function run(resource: string, members: number, extra?: Record<string, unknown>) {
    const machineArn = create(
      `parent-${resource.split(':').at(-1)!.replace(/[.:]/g, '-')}`,
      parent(resource, extra),
    );
    const { executionArn } = engine.startExecution({
      stateMachineArn: machineArn,
      input: JSON.stringify({ child: childArn, members }),
    });
    return engine.waitForExecution(executionArn);
  }

  it('.sync returns the child description with its output as text; .sync:2 as JSON', async () => {
    const sync = await run('arn:aws:states:::states:startExecution.sync', 3);
    expect(sync.status).toBe('SUCCEEDED');
    const described = JSON.parse(sync.output!);
    expect(described).toMatchObject({
      Status: 'SUCCEEDED',
      Output: '{"eligible":true,"members":3}',
      StateMachineArn: childArn,
    });
    const sync2 = await run('arn:aws:states:::states:startExecution.sync:2', 4);
    expect(JSON.parse(sync2.output!).Output).toEqual({ eligible: true, members: 4 });
  });

  it('.sync fails the parent with States.TaskFailed when the child fails', async () => {
    const failed = await run('arn:aws:states:::states:startExecution.sync:2', 0);
    expect(failed).toMatchObject({ status: 'FAILED', error: 'States.TaskFailed' });
    expect(JSON.parse(failed.cause!)).toMatchObject({ Status: 'FAILED', Error: 'Household.Empty' });
  });

  it('plain startExecution returns at once with the child ARN; the child runs on', async () => {
    const started = await run('arn:aws:states:::states:startExecution', 2, { Name: 'child-of-plain' });
    const output = JSON.parse(started.output!);
    expect(output.ExecutionArn).toBe(
      'arn:aws:states:us-east-1:123456789012:execution:eligibility:child-of-plain',
    );
    expect((await engine.waitForExecution(output.ExecutionArn)).status).toBe('SUCCEEDED');
  });

  it('stops a .sync child with its parent', async () => {
    const slowChild = create('slow-child', {
      QueryLanguage: 'JSONata',
      StartAt: 'Pause',
      States: { Pause: { Type: 'Wait', Seconds: 3600, End: true } },
    });
    const machineArn = create('parent-of-slow', parent('arn:aws:states:::states:startExecution.sync'));
    const { executionArn } = engine.startExecution({
      stateMachineArn: machineArn,
      input: JSON.stringify({ child: slowChild, members: 1 }),
    });
    await clock.advance(1000);
    const [childExecution] = engine.listExecutions({ stateMachineArn: slowChild }).executions;
    expect(childExecution!.status).toBe('RUNNING');
    engine.stopExecution({ executionArn });
    await clock.advance(1000);
    expect(engine.describeExecution({ executionArn: childExecution!.executionArn })).toMatchObject({
      status: 'ABORTED',
      error: 'States.Aborted',
    });
  });

  it('times a 14-day callback out on virtual time in milliseconds', async () => {
    const waiting = create('confirmation', {
      QueryLanguage: 'JSONata',
      StartAt: 'Wait for confirmation',
      States: {
        'Wait for confirmation': {
          Type: 'Task',
          Resource: 'arn:aws:states:::states:startExecution.waitForTaskToken',
          Arguments: {
            StateMachineArn: childArn,
            Input: { members: 1, token: '{% $states.context.Task.Token %}' },
          },
          TimeoutSeconds: 14 * 24 * 3600,
          Catch: [{ ErrorEquals: ['States.Timeout'], Next: 'Release stock' }],
          End: true,
        },
        'Release stock': { Type: 'Pass', Output: { released: true }, End: true },
      },
    });
    const { executionArn } = engine.startExecution({ stateMachineArn: waiting, input: '{}' });
    await clock.advance(13 * 24 * 3600 * 1000);
    expect(engine.describeExecution({ executionArn }).status).toBe('RUNNING');
    await clock.advance(24 * 3600 * 1000);
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'SUCCEEDED', output: '{"released":true}' });
  });
});

describe('AWS quotas', () => {
  it('fails an execution whose history would pass 25,000 events', async () => {
    const engine = createEngine({ storePath: ':memory:' });
    const loop = {
      QueryLanguage: 'JSONata',
      StartAt: 'Again',
      States: { Again: { Type: 'Pass', Next: 'Again' } },
    };
    const { stateMachineArn } = engine.createStateMachine({
      name: 'forever',
      definition: JSON.stringify(loop),
      roleArn,
    });
    const { executionArn } = engine.startExecution({ stateMachineArn, input: '{}' });
    const done = await engine.waitForExecution(executionArn);
    expect(done).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    const last = (await engine.getExecutionHistory({ executionArn, reverseOrder: true, maxResults: 1 }))
      .events[0]!;
    expect(last).toMatchObject({ type: 'ExecutionFailed', id: 25_000 });
    engine.close();
  });
});
