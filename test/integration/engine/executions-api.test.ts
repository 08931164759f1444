import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  ListExecutionsCommand,
  RedriveExecutionCommand,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  StartExecutionCommand,
  StartSyncExecutionCommand,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rejection, roleArn, startLocalStepFunctions } from './sfn-client.ts';

const tokens: string[] = [];
let failNext = false;

const approval = {
  QueryLanguage: 'JSONata',
  StartAt: 'Ask supervisor',
  States: {
    'Ask supervisor': {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Arguments: {
        FunctionName: 'notify',
        Payload: {
          token: '{% $states.context.Task.Token %}',
          householdId: '{% $states.input.householdId %}',
        },
      },
      TimeoutSeconds: 3600,
      HeartbeatSeconds: 600,
      Next: 'Decide',
    },
    Decide: {
      Type: 'Choice',
      Choices: [{ Condition: '{% $states.input.approved %}', Next: 'Approved' }],
      Default: 'Rejected',
    },
    Approved: { Type: 'Pass', Output: { decision: 'APPROVED' }, End: true },
    Rejected: { Type: 'Fail', Error: 'Review.Rejected', Cause: 'The supervisor rejected the household' },
  },
};

const flaky = {
  StartAt: 'Check stock',
  States: {
    'Check stock': {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:123456789012:function:stock',
      Next: 'Done',
    },
    Done: { Type: 'Pass', Result: 'dispatched', End: true },
  },
};

async function waitForStatus(
  local: Awaited<ReturnType<typeof startLocalStepFunctions>>,
  executionArn: string,
) {
  return local.engine.waitForExecution(executionArn);
}

describe('Step Functions API: executions', () => {
  let local: Awaited<ReturnType<typeof startLocalStepFunctions>>;
  let approvalArn: string;
  let flakyArn: string;
  beforeAll(async () => {
    local = await startLocalStepFunctions({
      lambdaInvoker: async (functionArn, payload) => {
        if (functionArn.endsWith(':notify')) {
          tokens.push((payload as { token: string }).token);
          return { notified: true };
        }
        if (failNext) {
          failNext = false;
          throw Object.assign(new Error('stock table throttled'), { name: 'Stock.Throttled' });
        }
        return { inStock: true };
      },
    });
    approvalArn = (
      await local.sfn.send(
        new CreateStateMachineCommand({ name: 'approval', definition: JSON.stringify(approval), roleArn }),
      )
    ).stateMachineArn!;
    flakyArn = (
      await local.sfn.send(
        new CreateStateMachineCommand({ name: 'dispatch', definition: JSON.stringify(flaky), roleArn }),
      )
    ).stateMachineArn!;
  });
  afterAll(() => local.stop());

  it('waits for a callback token and succeeds on SendTaskSuccess', async () => {
    const started = await local.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: approvalArn,
        name: 'household-1',
        input: '{"householdId":"h-1"}',
      }),
    );
    const same = await local.sfn.send(
      new StartExecutionCommand({
        stateMachineArn: approvalArn,
        name: 'household-1',
        input: '{"householdId":"h-1"}',
      }),
    );
    expect(same.executionArn).toBe(started.executionArn);
    const conflict = await rejection(
      local.sfn.send(
        new StartExecutionCommand({
          stateMachineArn: approvalArn,
          name: 'household-1',
          input: '{"householdId":"h-2"}',
        }),
      ),
    );
    expect(conflict.name).toBe('ExecutionAlreadyExists');
    await expect.poll(() => tokens.length).toBe(1);
    const token = tokens.shift()!;
    await local.sfn.send(new SendTaskHeartbeatCommand({ taskToken: token }));
    await local.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{"approved":true}' }));
    const done = await waitForStatus(local, started.executionArn!);
    const described = await local.sfn.send(
      new DescribeExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(done.status).toBe('SUCCEEDED');
    expect(described).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"decision":"APPROVED"}',
      name: 'household-1',
    });
    expect(described.stopDate).toBeInstanceOf(Date);
    const late = await rejection(
      local.sfn.send(new SendTaskSuccessCommand({ taskToken: token, output: '{}' })),
    );
    expect(late.name).toBe('TaskTimedOut');
    const forExecution = await local.sfn.send(
      new DescribeStateMachineForExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(JSON.parse(forExecution.definition!)).toEqual(approval);
  });

  it('fails on SendTaskFailure with the error and cause sent', async () => {
    const started = await local.sfn.send(
      new StartExecutionCommand({ stateMachineArn: approvalArn, input: '{"householdId":"h-3"}' }),
    );
    await expect.poll(() => tokens.length).toBe(1);
    await local.sfn.send(
      new SendTaskFailureCommand({
        taskToken: tokens.shift()!,
        error: 'Review.Escalated',
        cause: 'needs a visit',
      }),
    );
    const done = await waitForStatus(local, started.executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'Review.Escalated', cause: 'needs a visit' });
  });

  it('answers unknown tokens and executions with AWS error names', async () => {
    expect(
      (await rejection(local.sfn.send(new SendTaskSuccessCommand({ taskToken: 'nope', output: '{}' })))).name,
    ).toBe('TaskDoesNotExist');
    const missing = 'arn:aws:states:us-east-1:123456789012:execution:approval:missing';
    expect(
      (await rejection(local.sfn.send(new DescribeExecutionCommand({ executionArn: missing })))).name,
    ).toBe('ExecutionDoesNotExist');
    expect(
      (await rejection(local.sfn.send(new DescribeExecutionCommand({ executionArn: 'arn:nope' })))).name,
    ).toBe('InvalidArn');
    const unknownMachine = 'arn:aws:states:us-east-1:123456789012:stateMachine:unknown';
    expect(
      (await rejection(local.sfn.send(new StartExecutionCommand({ stateMachineArn: unknownMachine })))).name,
    ).toBe('StateMachineDoesNotExist');
    const big = JSON.stringify({ blob: 'x'.repeat(300_000) });
    expect(
      (await rejection(local.sfn.send(new StartExecutionCommand({ stateMachineArn: flakyArn, input: big }))))
        .name,
    ).toBe('ValidationException');
  });

  it('stops a running execution, then redrives it to success', async () => {
    const started = await local.sfn.send(
      new StartExecutionCommand({ stateMachineArn: approvalArn, input: '{"householdId":"h-4"}' }),
    );
    await expect.poll(() => tokens.length).toBe(1);
    tokens.shift();
    await local.sfn.send(
      new StopExecutionCommand({ executionArn: started.executionArn, error: 'Ops.Stop', cause: 'test' }),
    );
    const stopped = await local.sfn.send(
      new DescribeExecutionCommand({ executionArn: started.executionArn }),
    );
    expect(stopped).toMatchObject({ status: 'ABORTED', error: 'Ops.Stop', redriveStatus: 'REDRIVABLE' });
    const redrive = await local.sfn.send(new RedriveExecutionCommand({ executionArn: started.executionArn }));
    expect(redrive.redriveDate).toBeInstanceOf(Date);
    await expect.poll(() => tokens.length).toBe(1);
    await local.sfn.send(
      new SendTaskSuccessCommand({ taskToken: tokens.shift()!, output: '{"approved":false}' }),
    );
    const done = await waitForStatus(local, started.executionArn!);
    expect(done).toMatchObject({ status: 'FAILED', error: 'Review.Rejected', redriveCount: 1 });
  });

  it('redrives a failed task: the retried invocation succeeds', async () => {
    failNext = true;
    const started = await local.sfn.send(
      new StartExecutionCommand({ stateMachineArn: flakyArn, input: '{}' }),
    );
    expect(await waitForStatus(local, started.executionArn!)).toMatchObject({
      status: 'FAILED',
      error: 'Stock.Throttled',
    });
    const notRedrivable = await rejection(
      local.sfn.send(
        new RedriveExecutionCommand({
          executionArn: 'arn:aws:states:us-east-1:123456789012:execution:dispatch:none',
        }),
      ),
    );
    expect(notRedrivable.name).toBe('ExecutionDoesNotExist');
    await local.sfn.send(new RedriveExecutionCommand({ executionArn: started.executionArn }));
    expect(await waitForStatus(local, started.executionArn!)).toMatchObject({
      status: 'SUCCEEDED',
      output: '"dispatched"',
    });
    const again = await rejection(
      local.sfn.send(new RedriveExecutionCommand({ executionArn: started.executionArn })),
    );
    expect(again.name).toBe('ExecutionNotRedrivable');
    const history = await local.sfn.send(
      new GetExecutionHistoryCommand({ executionArn: started.executionArn }),
    );
    const types = history.events!.map((event) => event.type);
    expect(types).toContain('ExecutionRedriven');
    expect(types.indexOf('ExecutionFailed')).toBeLessThan(types.indexOf('ExecutionRedriven'));
    expect(types.at(-1)).toBe('ExecutionSucceeded');
  });

  it('lists executions newest first, filtered and page by page', async () => {
    const names = ['page-1', 'page-2', 'page-3', 'page-4', 'page-5'];
    for (const name of names) {
      const { executionArn } = await local.sfn.send(
        new StartExecutionCommand({ stateMachineArn: flakyArn, name, input: '{}' }),
      );
      await waitForStatus(local, executionArn!);
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    const seen: string[] = [];
    let nextToken: string | undefined;
    do {
      const page = await local.sfn.send(
        new ListExecutionsCommand({
          stateMachineArn: flakyArn,
          statusFilter: 'SUCCEEDED',
          maxResults: 2,
          nextToken,
        }),
      );
      expect(page.executions!.length).toBeLessThanOrEqual(2);
      seen.push(...page.executions!.map((execution) => execution.name!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(seen.filter((name) => name.startsWith('page-'))).toEqual([...names].reverse());
    const failed = await local.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: flakyArn, statusFilter: 'FAILED' }),
    );
    expect(failed.executions).toEqual([]);
    const redriven = await local.sfn.send(
      new ListExecutionsCommand({ stateMachineArn: flakyArn, redriveFilter: 'REDRIVEN' }),
    );
    expect(redriven.executions).toHaveLength(1);
  });

  it('pages the history in order and in reverse, with or without execution data', async () => {
    const { executionArn } = await local.sfn.send(
      new StartExecutionCommand({ stateMachineArn: flakyArn, input: '{"secret":1}' }),
    );
    await waitForStatus(local, executionArn!);
    const all = (await local.sfn.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
    expect(all.map((event) => event.id)).toEqual(all.map((_, index) => index + 1));
    expect(all[0]).toMatchObject({ type: 'ExecutionStarted', previousEventId: 0 });
    expect(all[0]!.executionStartedEventDetails!.input).toBe('{"secret":1}');
    for (const event of all.slice(1)) expect(event.previousEventId).toBe(event.id! - 1);
    const reversed: number[] = [];
    let nextToken: string | undefined;
    do {
      const page = await local.sfn.send(
        new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 3, nextToken }),
      );
      reversed.push(...page.events!.map((event) => event.id!));
      nextToken = page.nextToken;
    } while (nextToken);
    expect(reversed).toEqual(all.map((event) => event.id!).reverse());
    const withoutData = await local.sfn.send(
      new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }),
    );
    expect(withoutData.events![0]!.executionStartedEventDetails!.input).toBeUndefined();
    expect(withoutData.events![0]!.executionStartedEventDetails!.roleArn).toBe(roleArn);
  });

  it('runs an Express workflow synchronously', async () => {
    const definition = JSON.stringify({
      QueryLanguage: 'JSONata',
      StartAt: 'Score',
      States: { Score: { Type: 'Pass', Output: { score: '{% $states.input.members * 2 %}' }, End: true } },
    });
    const { stateMachineArn } = await local.sfn.send(
      new CreateStateMachineCommand({ name: 'score', definition, roleArn, type: 'EXPRESS' }),
    );
    const result = await local.sfn.send(
      new StartSyncExecutionCommand({ stateMachineArn, input: '{"members":4}' }),
    );
    expect(result).toMatchObject({ status: 'SUCCEEDED', output: '{"score":8}' });
    expect(result.executionArn).toContain(':express:score:');
    const standard = await rejection(
      local.sfn.send(new StartSyncExecutionCommand({ stateMachineArn: flakyArn })),
    );
    expect(standard.name).toBe('StateMachineTypeNotSupported');
  });
});
