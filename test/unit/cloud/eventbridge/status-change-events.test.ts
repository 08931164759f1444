import { describe, expect, it } from 'vitest';
import {
  deferredStatusChangeListener,
  statusChangePublisher,
  statusChangeWanted,
} from '../../../../local/cloud/eventbridge/status-change-events.ts';
import { AsyncQueueClosedError, openAsyncQueue } from '../../../../local/cloud/lambda/async-queue.ts';
import { notificationTargets } from '../../../../local/cloud/s3/notification-targets.ts';
import type { ExecutionStatusChangeDetail } from '../../../../local/engine/index.ts';

const intake = 'arn:aws:states:us-east-1:123456789012:stateMachine:intake';
const recorder = 'arn:aws:lambda:us-east-1:123456789012:function:record-workflow-failure';

function detail(
  status: ExecutionStatusChangeDetail['status'],
  redriveCount: number,
): ExecutionStatusChangeDetail {
  return {
    executionArn: `${intake.replace(':stateMachine:', ':execution:')}:hh-1`,
    stateMachineArn: intake,
    name: 'hh-1',
    status,
    startDate: 1_700_000_000_000,
    stopDate: status === 'RUNNING' ? null : 1_700_000_001_000,
    input: '{"householdId":"hh-1"}',
    inputDetails: { included: true },
    output: null,
    outputDetails: null,
    error: status === 'FAILED' ? 'Lambda.TooManyRequestsException' : null,
    cause: null,
    redriveCount,
    redriveDate: redriveCount > 0 ? 1_700_000_002_000 : null,
    redriveStatus: status === 'RUNNING' ? 'NOT_REDRIVABLE' : 'REDRIVABLE',
    redriveStatusReason: null,
  };
}

function publisherFor(pattern: Record<string, unknown>) {
  const invoked: { arn: string; event: Record<string, unknown> }[] = [];
  const publish = statusChangePublisher({
    eventRules: [
      {
        logicalId: 'WorkflowFailures',
        stackName: 'Service',
        pattern,
        targets: [{ id: 'Target0', arn: recorder }],
      },
    ],
    region: 'us-east-1',
    account: '123456789012',
    targets: {
      invokeAsync: (arn, event) => invoked.push({ arn, event: event as Record<string, unknown> }),
      startExecution: () => {
        throw new Error('no execution target here');
      },
      log: () => {},
    },
  });
  return { publish, invoked };
}

describe('execution status changes on the local default bus', () => {
  const failures = {
    source: ['aws.states'],
    'detail-type': ['Step Functions Execution Status Change'],
    detail: { stateMachineArn: [intake], status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
  };
  const redrives = {
    source: ['aws.states'],
    'detail-type': ['Step Functions Execution Status Change'],
    detail: { stateMachineArn: [intake], status: ['RUNNING'], redriveCount: [{ numeric: ['>', 0] }] },
  };

  it('wraps the detail in the envelope Step Functions sends and invokes the matching rule target', () => {
    const { publish, invoked } = publisherFor(failures);
    publish(detail('FAILED', 0));
    expect(invoked).toHaveLength(1);
    expect(invoked[0]!.arn).toBe(recorder);
    expect(invoked[0]!.event).toMatchObject({
      version: '0',
      source: 'aws.states',
      'detail-type': 'Step Functions Execution Status Change',
      account: '123456789012',
      region: 'us-east-1',
      resources: [detail('FAILED', 0).executionArn],
      detail: { status: 'FAILED', error: 'Lambda.TooManyRequestsException' },
    });
    expect(invoked[0]!.event['time']).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    publish(detail('SUCCEEDED', 0));
    publish(detail('RUNNING', 0));
    expect(invoked).toHaveLength(1);
  });

  it('matches a redrive by numeric redriveCount, never a first start', () => {
    const { publish, invoked } = publisherFor(redrives);
    publish(detail('RUNNING', 0));
    expect(invoked).toHaveLength(0);
    publish(detail('RUNNING', 1));
    publish(detail('RUNNING', 2));
    expect(invoked.map((call) => (call.event['detail'] as { redriveCount: number }).redriveCount)).toEqual([
      1, 2,
    ]);
  });

  it('ignores other state machines', () => {
    const { publish, invoked } = publisherFor(failures);
    publish({ ...detail('FAILED', 0), stateMachineArn: `${intake}-other` });
    expect(invoked).toHaveLength(0);
  });

  it('matches the rule infra writes: failures or redrives in one pattern ($or)', () => {
    const { publish, invoked } = publisherFor({
      source: ['aws.states'],
      'detail-type': ['Step Functions Execution Status Change'],
      detail: {
        stateMachineArn: [intake],
        $or: [
          { status: ['FAILED', 'TIMED_OUT', 'ABORTED'] },
          { status: ['RUNNING'], redriveCount: [{ numeric: ['>', 0] }] },
        ],
      },
    });
    for (const status of ['RUNNING', 'FAILED', 'SUCCEEDED', 'TIMED_OUT'] as const) publish(detail(status, 0));
    publish(detail('RUNNING', 1));
    publish(detail('SUCCEEDED', 1));
    const seen = invoked.map((call) => call.event['detail'] as { status: string; redriveCount: number });
    expect(seen.map((d) => `${d.status}/${d.redriveCount}`)).toEqual([
      'FAILED/0',
      'TIMED_OUT/0',
      'RUNNING/1',
    ]);
  });

  it('wants only the changes some rule matches, so the engine stores nothing else', () => {
    const rule = (logicalId: string, pattern: Record<string, unknown>) => ({
      logicalId,
      stackName: 'Service',
      pattern,
      targets: [{ id: 'Target0', arn: recorder }],
    });
    const wanted = statusChangeWanted({
      eventRules: [rule('WorkflowFailures', failures), rule('Redrives', redrives)],
      region: 'us-east-1',
      account: '123456789012',
    });
    expect(wanted(detail('FAILED', 0))).toBe(true);
    expect(wanted(detail('RUNNING', 1))).toBe(true);
    expect(wanted(detail('RUNNING', 0))).toBe(false);
    expect(wanted(detail('SUCCEEDED', 0))).toBe(false);
    expect(wanted({ ...detail('FAILED', 0), stateMachineArn: `${intake}-other` })).toBe(false);
    const none = statusChangeWanted({ eventRules: [], region: 'us-east-1', account: '123456789012' });
    expect(none(detail('FAILED', 0))).toBe(false);
  });

  it('holds a change the engine hands over before the rule targets exist, and resolves once it is enqueued', async () => {
    const deferred = deferredStatusChangeListener();
    const delivered: string[] = [];
    const queue = openAsyncQueue({
      path: ':memory:',
      // Never settles: the row stays, as while a delivery runs; only the enqueue matters here.
      deliver: (delivery) => {
        delivered.push(delivery.targetArn);
        return new Promise(() => undefined);
      },
      log: () => undefined,
    });
    let taken = false;
    const handedOver = deferred.listener(detail('FAILED', 0)).then(() => (taken = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(taken).toBe(false);
    expect(queue.size()).toBe(0);

    const targets = notificationTargets({ queue, log: () => undefined });
    deferred.ready(
      statusChangePublisher({
        eventRules: [
          {
            logicalId: 'WorkflowFailures',
            stackName: 'Service',
            pattern: failures,
            targets: [{ id: 'Target0', arn: recorder }],
          },
        ],
        region: 'us-east-1',
        account: '123456789012',
        targets,
      }),
    );
    await handedOver;
    expect(taken).toBe(true);
    expect(queue.size()).toBe(1);
    expect(delivered).toEqual([recorder]);

    // Once the queue is closed (shutdown), the engine is told the change was not taken: it keeps it.
    queue.close();
    await expect(deferred.listener(detail('FAILED', 0))).rejects.toBeInstanceOf(AsyncQueueClosedError);
  });
});
