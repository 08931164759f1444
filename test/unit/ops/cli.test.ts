import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  GetExecutionHistoryCommand,
  type GetExecutionHistoryCommandOutput,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  RedriveExecutionCommand,
  SFNClient,
  StopExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { NOW, ops } from './cli-harness.ts';

const client = new SFNClient({ region: 'us-east-1' });
const sfn = mockClient(client);
afterEach(() => sfn.reset());

const KIT = 'arn:aws:states:us-east-1:123456789012:stateMachine:kit-dispatch';
const GBV = 'arn:aws:states:us-east-1:123456789012:stateMachine:gbv-referral';
const execution = (machine: string, name: string, status: string, minutesAgo: number) => ({
  executionArn: `${machine.replace(':stateMachine:', ':execution:')}:${name}`,
  stateMachineArn: machine,
  name,
  status: status as 'FAILED',
  startDate: new Date(NOW.getTime() - minutesAgo * 60_000),
  ...(status === 'RUNNING' ? {} : { stopDate: new Date(NOW.getTime() - minutesAgo * 60_000 + 4_000) }),
});

function machines() {
  sfn.on(ListStateMachinesCommand).resolves({
    stateMachines: [
      { stateMachineArn: KIT, name: 'kit-dispatch', type: 'STANDARD', creationDate: NOW },
      { stateMachineArn: GBV, name: 'gbv-referral', type: 'STANDARD', creationDate: NOW },
    ],
  });
}

describe('ops CLI: arguments', () => {
  it('prints usage and exits 2 without a command, or with an unknown one', async () => {
    expect((await ops(client)).code).toBe(2);
    const unknown = await ops(client, 'explode');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "explode"');
  });

  it('rejects unknown options, bad statuses and bad durations as usage errors', async () => {
    machines();
    for (const argv of [
      ['executions', '--colour'],
      ['executions', '--status', 'BROKEN'],
      ['executions', '--since', 'yesterday'],
      ['history'],
      ['redrive', 'a', 'b'],
      ['machines', 'extra'],
      ['overdue', '--expect', 'no-duration'],
    ]) {
      const result = await ops(client, ...argv);
      expect(result.code, argv.join(' ')).toBe(2);
      expect(result.stderr).toContain('Usage: npm run ops');
    }
  });

  it('reports a service error by its name and exits 1', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .rejects(Object.assign(new Error('Execution Does Not Exist'), { name: 'ExecutionDoesNotExist' }));
    const result = await ops(client, 'history', 'arn:aws:states:us-east-1:1:execution:x:y');
    expect(result).toMatchObject({ code: 1, stderr: 'ExecutionDoesNotExist: Execution Does Not Exist' });
  });
});

describe('ops CLI: executions', () => {
  it('lists failed executions of every workflow, newest first, as a table', async () => {
    machines();
    sfn
      .on(ListExecutionsCommand, { stateMachineArn: KIT })
      .resolves({ executions: [execution(KIT, 'alloc-2', 'FAILED', 5)] })
      .on(ListExecutionsCommand, { stateMachineArn: GBV })
      .resolves({ executions: [execution(GBV, 'case-9', 'FAILED', 2)] });
    const result = await ops(client, 'executions', '--status', 'failed');
    expect(result.code).toBe(0);
    const lines = result.stdout.split('\n');
    expect(lines[0]).toMatch(/^WORKFLOW\s+NAME\s+STATUS\s+STARTED\s+DURATION\s+REDRIVES\s+EXECUTION ARN$/);
    expect(lines[2]).toMatch(/^gbv-referral\s+case-9\s+FAILED\s+2026-11-20 11:58:00\s+4s\s+0\s+arn:/);
    expect(lines[3]).toMatch(/^kit-dispatch\s+alloc-2\s+FAILED/);
    for (const call of sfn.commandCalls(ListExecutionsCommand))
      expect(call.args[0].input.statusFilter).toBe('FAILED');
  });

  it('filters by workflow and start time, and prints JSON for scripts', async () => {
    machines();
    sfn.on(ListExecutionsCommand, { stateMachineArn: KIT }).resolves({
      executions: [execution(KIT, 'recent', 'SUCCEEDED', 10), execution(KIT, 'old', 'SUCCEEDED', 120)],
      nextToken: 'more-but-older',
    });
    const result = await ops(client, 'executions', '--workflow', 'kit-dispatch', '--since', '1h', '--json');
    const parsed = JSON.parse(result.stdout);
    expect(parsed.executions.map((row: { name: string }) => row.name)).toEqual(['recent']);
    expect(parsed.truncated).toBe(false);
    // Newest first: once a page reaches --since, older pages are not fetched.
    expect(sfn.commandCalls(ListExecutionsCommand)).toHaveLength(1);
    expect(sfn.commandCalls(ListExecutionsCommand, { stateMachineArn: GBV })).toHaveLength(0);
  });

  it('says which workflow name is unknown', async () => {
    machines();
    const result = await ops(client, 'executions', '--workflow', 'nope');
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('No state machine named "nope"');
  });
});

describe('ops CLI: history, stop, machines', () => {
  const arn = `${KIT.replace(':stateMachine:', ':execution:')}:alloc-2`;

  it('prints the history without payloads unless --data', async () => {
    sfn
      .on(DescribeExecutionCommand)
      .resolves({ name: 'alloc-2', status: 'FAILED', error: 'Boom', cause: 'ledger down' });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 1,
          type: 'ExecutionStarted',
          timestamp: NOW,
          executionStartedEventDetails: { input: '{"householdId":"HH-1"}' },
        },
        {
          id: 2,
          type: 'TaskStateEntered',
          timestamp: new Date(NOW.getTime() + 1500),
          stateEnteredEventDetails: { name: 'Reserve kits', input: '{}' },
        },
        {
          id: 3,
          type: 'TaskFailed',
          timestamp: new Date(NOW.getTime() + 2000),
          taskFailedEventDetails: {
            resourceType: 'lambda',
            resource: 'invoke',
            error: 'Boom',
            cause: 'ledger down',
          },
        },
      ],
    });
    const table = await ops(client, 'history', arn);
    expect(table.stdout).toContain('alloc-2  FAILED  Boom');
    expect(table.stdout).toMatch(/2\s+TaskStateEntered\s+Reserve kits\s+\+1s/);
    expect(table.stdout).toMatch(/3\s+TaskFailed\s+\+2s\s+\S+\s+Boom\s+ledger down/);
    const json = JSON.parse((await ops(client, 'history', arn, '--json')).stdout);
    expect(json.events[0].executionStartedEventDetails).toEqual({});
    expect(JSON.stringify(json)).not.toContain('HH-1');
    const withData = JSON.parse((await ops(client, 'history', arn, '--json', '--data')).stdout);
    expect(withData.events[0].executionStartedEventDetails.input).toBe('{"householdId":"HH-1"}');
  });

  it('stops an execution', async () => {
    sfn.on(StopExecutionCommand).resolves({ stopDate: NOW });
    const result = await ops(client, 'stop', arn, '--cause', 'duplicate');
    expect(result.stdout).toBe(`Stopped at 2026-11-20T12:00:00.000Z: ${arn}`);
    expect(sfn.commandCalls(StopExecutionCommand)[0]?.args[0].input).toEqual({
      executionArn: arn,
      cause: 'duplicate',
    });
  });

  it('shows execution counts by status per machine', async () => {
    machines();
    sfn.on(ListExecutionsCommand, { stateMachineArn: KIT }).resolves({
      executions: [
        execution(KIT, 'a', 'FAILED', 1),
        execution(KIT, 'b', 'SUCCEEDED', 2),
        execution(KIT, 'c', 'SUCCEEDED', 3),
      ],
    });
    sfn.on(ListExecutionsCommand, { stateMachineArn: GBV }).resolves({ executions: [] });
    const result = await ops(client, 'machines');
    expect(result.stdout.split('\n')[3]).toMatch(/^kit-dispatch\s+STANDARD\s+0\s+2\s+1\s+0\s+0\s+0\s+arn:/);
  });
});

describe('ops CLI: Express workflows', () => {
  it('shows no counts for Express machines and never lists their executions', async () => {
    const EXPRESS = 'arn:aws:states:us-east-1:123456789012:stateMachine:health-check';
    sfn.on(ListStateMachinesCommand).resolves({
      stateMachines: [
        { stateMachineArn: KIT, name: 'kit-dispatch', type: 'STANDARD', creationDate: NOW },
        { stateMachineArn: EXPRESS, name: 'health-check', type: 'EXPRESS', creationDate: NOW },
      ],
    });
    sfn.on(ListExecutionsCommand).resolves({ executions: [] });
    const machines = await ops(client, 'machines');
    expect(machines.stdout.split('\n')[2]).toMatch(/^health-check\s+EXPRESS\s+-\s+-\s+-\s+-\s+-\s+-\s+arn:/);
    await ops(client, 'executions');
    expect(sfn.commandCalls(ListExecutionsCommand, { stateMachineArn: EXPRESS })).toHaveLength(0);
  });
});

describe('ops CLI: redrive --wait', () => {
  const arn = `${KIT.replace(':stateMachine:', ':execution:')}:alloc-2`;

  it('redrives, draws progress while the execution runs, and exits 0 once it succeeds', async () => {
    sfn.on(RedriveExecutionCommand).resolves({ redriveDate: NOW });
    sfn.on(DescribeStateMachineForExecutionCommand).resolves({
      definition: JSON.stringify({
        StartAt: 'A',
        States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } },
      }),
    });
    sfn.on(DescribeExecutionCommand).resolvesOnce({ status: 'RUNNING' }).resolves({ status: 'SUCCEEDED' });
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 1, type: 'ExecutionStarted', timestamp: NOW },
        {
          id: 2,
          previousEventId: 1,
          type: 'PassStateEntered',
          timestamp: NOW,
          stateEnteredEventDetails: { name: 'A' },
        },
        {
          id: 3,
          previousEventId: 2,
          type: 'PassStateExited',
          timestamp: NOW,
          stateExitedEventDetails: { name: 'A' },
        },
      ],
    });
    const result = await ops(client, 'redrive', arn, '--wait');
    expect(result.code).toBe(0);
    expect(result.status[0]).toMatch(/^\[#+-+\] 1\/2 states {2}RUNNING/);
    expect(result.status.at(-2)).toMatch(/^\[#+\] 2\/2 states {2}SUCCEEDED/);
    expect(result.stdout).toContain('Status: SUCCEEDED');
  });

  it('exits 1 when the redriven execution fails again', async () => {
    sfn.on(RedriveExecutionCommand).resolves({ redriveDate: NOW });
    sfn
      .on(DescribeStateMachineForExecutionCommand)
      .resolves({ definition: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' });
    sfn.on(DescribeExecutionCommand).resolves({ status: 'FAILED', error: 'Boom', cause: 'still down' });
    sfn.on(GetExecutionHistoryCommand).resolves({ events: [] });
    const result = await ops(client, 'redrive', arn, '--wait', '--json');
    expect(result.code).toBe(1);
    expect(JSON.parse(result.stdout)).toMatchObject({ status: 'FAILED', error: 'Boom', cause: 'still down' });
    expect(result.status).toEqual([]);
  });
});

describe('ops CLI: overdue', () => {
  it('finds waits longer than expected and earlier timed-out waits, and counts GBV follow-ups by case id', async () => {
    machines();
    const review = execution(KIT, 'review-1', 'RUNNING', 90);
    const followUp = execution(GBV, 'case-7', 'RUNNING', 30);
    const fresh = execution(KIT, 'review-2', 'RUNNING', 1);
    sfn.on(ListExecutionsCommand, { stateMachineArn: KIT }).resolves({ executions: [review, fresh] });
    sfn.on(ListExecutionsCommand, { stateMachineArn: GBV }).resolves({ executions: [followUp] });
    sfn.on(DescribeStateMachineCommand, { stateMachineArn: KIT }).resolves({
      definition: JSON.stringify({
        StartAt: 'Wait for supervisor review',
        States: {
          'Wait for supervisor review': {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            HeartbeatSeconds: 3600,
            End: true,
          },
        },
      }),
    });
    sfn.on(DescribeStateMachineCommand, { stateMachineArn: GBV }).resolves({
      definition: JSON.stringify({
        StartAt: 'Wait for follow-up',
        States: {
          'Wait for follow-up': {
            Type: 'Task',
            Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
            HeartbeatSeconds: 86400,
            Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], Next: 'Send reminder' }],
            End: true,
          },
          'Send reminder': { Type: 'Pass', Next: 'Wait for follow-up' },
        },
      }),
    });
    const waitingSince = (execution: { startDate: Date }): GetExecutionHistoryCommandOutput => ({
      $metadata: {},
      events: [
        { id: 1, type: 'ExecutionStarted', timestamp: execution.startDate },
        {
          id: 2,
          previousEventId: 1,
          type: 'TaskStateEntered',
          timestamp: execution.startDate,
          stateEnteredEventDetails: { name: 'Wait for supervisor review' },
        },
      ],
    });
    sfn.on(GetExecutionHistoryCommand, { executionArn: review.executionArn }).resolves(waitingSince(review));
    sfn.on(GetExecutionHistoryCommand, { executionArn: fresh.executionArn }).resolves(waitingSince(fresh));
    sfn.on(GetExecutionHistoryCommand, { executionArn: followUp.executionArn }).resolves({
      events: [
        { id: 1, type: 'ExecutionStarted', timestamp: followUp.startDate },
        {
          id: 2,
          previousEventId: 1,
          type: 'TaskStateEntered',
          timestamp: followUp.startDate,
          stateEnteredEventDetails: { name: 'Wait for follow-up' },
        },
        {
          id: 3,
          previousEventId: 2,
          type: 'TaskTimedOut',
          timestamp: followUp.startDate,
          taskTimedOutEventDetails: {
            resourceType: 'lambda',
            resource: 'invoke.waitForTaskToken',
            error: 'States.HeartbeatTimeout',
          },
        },
        {
          id: 4,
          previousEventId: 3,
          type: 'PassStateEntered',
          timestamp: followUp.startDate,
          stateEnteredEventDetails: { name: 'Send reminder' },
        },
        {
          id: 5,
          previousEventId: 4,
          type: 'PassStateExited',
          timestamp: followUp.startDate,
          stateExitedEventDetails: { name: 'Send reminder' },
        },
        {
          id: 6,
          previousEventId: 5,
          type: 'TaskStateEntered',
          timestamp: new Date(NOW.getTime() - 60_000),
          stateEnteredEventDetails: { name: 'Wait for follow-up' },
        },
      ],
    });
    sfn
      .on(DescribeExecutionCommand, { executionArn: review.executionArn })
      .resolves({ input: '{"householdId":"HH-1"}' });
    sfn
      .on(DescribeExecutionCommand, { executionArn: fresh.executionArn })
      .resolves({ input: '{"householdId":"HH-2"}' });
    sfn.on(DescribeExecutionCommand, { executionArn: followUp.executionArn }).resolves({
      input: '{"caseId":"GBV-7","survivorName":"never shown"}',
    });

    const json = JSON.parse((await ops(client, 'overdue', '--json')).stdout);
    expect(json.overdue.map((row: { executionArn: string }) => row.executionArn)).toEqual([
      review.executionArn,
      followUp.executionArn,
    ]);
    expect(json.overdue[0]).toMatchObject({
      stateName: 'Wait for supervisor review',
      expectedMs: 3_600_000,
      timeouts: 0,
    });
    expect(json.overdue[1]).toMatchObject({
      stateName: 'Wait for follow-up',
      timeouts: 1,
      identifiers: { caseId: 'GBV-7' },
    });
    expect(json.gbvFollowUpsOverdue).toEqual({ count: 1, caseIds: ['GBV-7'] });
    expect(JSON.stringify(json)).not.toContain('never shown');

    const all = JSON.parse((await ops(client, 'overdue', '--all', '--json')).stdout);
    expect(all.overdue).toHaveLength(3);
    const expecting = JSON.parse(
      (await ops(client, 'overdue', '--json', '--expect', 'Wait for supervisor review=30s')).stdout,
    );
    expect(expecting.overdue).toHaveLength(3);

    const table = await ops(client, 'overdue');
    expect(table.stdout).toContain('GBV follow-ups overdue: 1 (cases GBV-7)');
    expect(table.stdout).toMatch(
      /kit-dispatch\s+Wait for supervisor review\s+1h 30m\s+1h\s+0\s+householdId=HH-1/,
    );
  });
});
