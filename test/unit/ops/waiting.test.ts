import {
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  SFNClient,
} from '@aws-sdk/client-sfn';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { findWaitingExecutions } from '../../../local/ops/waiting.ts';

const client = new SFNClient({ region: 'us-east-1' });
const sfn = mockClient(client);
afterEach(() => sfn.reset());

const NOW = new Date('2026-11-20T12:00:00Z');
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:intake';
const EXECUTION = 'arn:aws:states:us-east-1:123456789012:execution:intake:hh-1';
const callback = (heartbeatSeconds: number) => ({
  Type: 'Task',
  Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
  HeartbeatSeconds: heartbeatSeconds,
  End: true,
});

/** The intake's reminder chain: review, then review after reminder, then escalated review. */
function intakeWaiting(events: HistoryEvent[]) {
  sfn.on(ListStateMachinesCommand).resolves({
    stateMachines: [{ stateMachineArn: MACHINE, name: 'intake', type: 'STANDARD', creationDate: NOW }],
  });
  sfn.on(ListExecutionsCommand).resolves({
    executions: [
      {
        executionArn: EXECUTION,
        stateMachineArn: MACHINE,
        name: 'hh-1',
        status: 'RUNNING',
        startDate: new Date(NOW.getTime() - 3 * 86_400_000),
      },
    ],
  });
  sfn.on(DescribeStateMachineCommand).resolves({
    definition: JSON.stringify({
      StartAt: 'Wait for supervisor review',
      States: {
        'Wait for supervisor review': callback(172_800),
        'Send review reminder': { Type: 'Pass', End: true },
        'Wait for review after reminder': callback(432_000),
        'Wait for confirmation': callback(86_400),
      },
    }),
  });
  sfn.on(GetExecutionHistoryCommand).resolves({ events });
  sfn.on(DescribeExecutionCommand).resolves({ input: '{"householdId":"HH-1"}' });
}

const at = (hoursAgo: number) => new Date(NOW.getTime() - hoursAgo * 3_600_000);
const enteredAt = (id: number, name: string, hoursAgo: number): HistoryEvent => ({
  id,
  previousEventId: id - 1,
  type: name.startsWith('Wait') ? 'TaskStateEntered' : 'PassStateEntered',
  timestamp: at(hoursAgo),
  stateEnteredEventDetails: { name },
});
const event = (
  id: number,
  type: string,
  hoursAgo: number,
  details: Record<string, unknown> = {},
): HistoryEvent =>
  ({ id, previousEventId: id - 1, type, timestamp: at(hoursAgo), ...details }) as HistoryEvent;

describe('findWaitingExecutions', () => {
  it('marks a wait overdue when the wait before it timed out, even under a new state name', async () => {
    intakeWaiting([
      event(1, 'ExecutionStarted', 72),
      enteredAt(2, 'Wait for supervisor review', 72),
      event(3, 'TaskTimedOut', 24, { taskTimedOutEventDetails: { error: 'States.HeartbeatTimeout' } }),
      enteredAt(4, 'Send review reminder', 24),
      event(5, 'PassStateExited', 24, { stateExitedEventDetails: { name: 'Send review reminder' } }),
      enteredAt(6, 'Wait for review after reminder', 24),
    ]);
    const { waiting } = await findWaitingExecutions(client, { now: NOW });
    expect(waiting).toEqual([
      expect.objectContaining({
        stateName: 'Wait for review after reminder',
        waitedMs: 24 * 3_600_000,
        expectedMs: 432_000_000,
        timeouts: 1,
        overdue: true,
        identifiers: { householdId: 'HH-1' },
      }),
    ]);
  });

  it('does not carry a timeout past a wait that was answered', async () => {
    intakeWaiting([
      event(1, 'ExecutionStarted', 72),
      enteredAt(2, 'Wait for supervisor review', 72),
      event(3, 'TaskTimedOut', 50, { taskTimedOutEventDetails: { error: 'States.HeartbeatTimeout' } }),
      enteredAt(4, 'Wait for review after reminder', 50),
      event(5, 'TaskSucceeded', 30),
      event(6, 'TaskStateExited', 30, {
        stateExitedEventDetails: { name: 'Wait for review after reminder' },
      }),
      enteredAt(7, 'Wait for confirmation', 2),
    ]);
    const { waiting } = await findWaitingExecutions(client, { now: NOW });
    expect(waiting).toEqual([
      expect.objectContaining({ stateName: 'Wait for confirmation', timeouts: 0, overdue: false }),
    ]);
  });

  it('uses an explicit expectation over the definition', async () => {
    intakeWaiting([event(1, 'ExecutionStarted', 3), enteredAt(2, 'Wait for confirmation', 3)]);
    const { waiting } = await findWaitingExecutions(client, {
      now: NOW,
      expectedMs: { 'Wait for confirmation': 3_600_000 },
    });
    expect(waiting[0]).toMatchObject({ expectedMs: 3_600_000, overdue: true });
  });
});
