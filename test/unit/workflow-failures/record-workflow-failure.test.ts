import { readFileSync } from 'node:fs';
import { GetExecutionHistoryCommand, type HistoryEvent } from '@aws-sdk/client-sfn';
import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { Context } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { documentClient } from '../../../functions/shared/clients/dynamodb.ts';
import { sfnClient } from '../../../functions/shared/clients/sfn.ts';
import { handler } from '../../../functions/workflow-failures/record-workflow-failure.ts';
import { DELIBERATE_ENDINGS } from '../../../functions/workflow-failures/status-change.ts';

const dynamo = mockClient(documentClient);
const sfn = mockClient(sfnClient);
const context = { awsRequestId: 'req-1' } as Context;

beforeAll(() => {
  process.env['REGISTRY_TABLE'] = 'registry-test';
  process.env['PROTECTION_TABLE'] = 'protection-test';
  process.env['AUDIT_TABLE'] = 'audit-test';
});
afterEach(() => {
  dynamo.reset();
  sfn.reset();
});

const INTAKE = 'arn:aws:states:eu-west-3:123456789012:stateMachine:intake';
const GBV = 'arn:aws:states:eu-west-3:123456789012:stateMachine:gbv-referral';
const execution = (machine: string, name: string) =>
  `${machine.replace(':stateMachine:', ':execution:')}:${name}`;
const STOPPED = Date.parse('2026-11-27T01:00:00Z');

function statusChange(detail: Record<string, unknown>) {
  return {
    version: '0',
    id: 'evt-1',
    'detail-type': 'Step Functions Execution Status Change',
    source: 'aws.states',
    account: '123456789012',
    time: '2026-11-27T01:00:01Z',
    region: 'eu-west-3',
    resources: [detail['executionArn']],
    detail: {
      stateMachineArn: INTAKE,
      executionArn: execution(INTAKE, 'hh-1'),
      name: 'hh-1',
      status: 'FAILED',
      startDate: STOPPED - 60_000,
      stopDate: STOPPED,
      input: '{"householdId":"hh-1"}',
      error: 'Lambda.TooManyRequestsException',
      cause: 'Rate exceeded for a person called Aminata',
      redriveCount: 0,
      redriveDate: null,
      ...detail,
    },
  };
}

/** The newest events of a task that failed after its retries (newest first, as asked). */
const failedAtScreening: HistoryEvent[] = [
  { id: 9, type: 'ExecutionFailed', timestamp: new Date(STOPPED) },
  { id: 8, type: 'TaskFailed', timestamp: new Date(STOPPED) },
  { id: 7, type: 'TaskScheduled', timestamp: new Date(STOPPED) },
  { id: 6, type: 'TaskFailed', timestamp: new Date(STOPPED) },
  {
    id: 2,
    type: 'TaskStateEntered',
    timestamp: new Date(STOPPED),
    stateEnteredEventDetails: { name: 'Screen household' },
  },
];

const household = {
  pk: 'HH#hh-1',
  sk: 'PROFILE',
  householdId: 'hh-1',
  status: 'RECEIVED',
  createdAt: '2026-11-27T00:59:00Z',
};

describe('record-workflow-failure', () => {
  it('marks the household FAILED with the state and the error name (never the cause), and audits it', async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({ events: failedAtScreening });
    dynamo.on(GetCommand).resolves({ Item: household });
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    await handler(statusChange({}), context);

    const history = sfn.commandCalls(GetExecutionHistoryCommand)[0]!.args[0].input;
    expect(history).toMatchObject({ reverseOrder: true, includeExecutionData: false });
    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.Key).toEqual({ pk: 'HH#hh-1', sk: 'PROFILE' });
    expect(update.UpdateExpression).toContain(
      'statusBeforeFailure = if_not_exists(statusBeforeFailure, #status)',
    );
    expect(update.ExpressionAttributeValues).toEqual({
      ':failed': 'FAILED',
      ':gsi1skBefore': 'STATUS#RECEIVED#2026-11-27T00:59:00Z#hh-1',
      ':gsi1sk': 'STATUS#FAILED#2026-11-27T00:59:00Z#hh-1',
      ':failure': {
        state: 'Screen household',
        error: 'Lambda.TooManyRequestsException',
        executionArn: execution(INTAKE, 'hh-1'),
        at: '2026-11-27T01:00:00.000Z',
      },
      ':at': '2026-11-27T01:00:00.000Z',
    });
    expect(JSON.stringify(dynamo.calls().map((call) => call.args[0].input))).not.toContain('Aminata');
    const audit = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input;
    expect(JSON.stringify(audit)).toContain('household.workflow-failure:marked');
    expect(JSON.stringify(audit)).toContain('workflow:intake');
  });

  it('keeps the listing key the household had, for the redrive to put back', async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({ events: failedAtScreening });
    dynamo
      .on(GetCommand)
      .resolves({ Item: { ...household, status: 'ELIGIBLE', gsi1sk: 'STATUS#ELIGIBLE#kept' } });
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    await handler(statusChange({}), context);
    const values = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues;
    expect(values?.[':gsi1skBefore']).toBe('STATUS#ELIGIBLE#kept');
  });

  it('changes nothing when the same failure comes again', async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({ events: failedAtScreening });
    dynamo.on(GetCommand).resolves({
      Item: {
        ...household,
        status: 'FAILED',
        failure: {
          state: 'Screen household',
          error: 'x',
          executionArn: execution(INTAKE, 'hh-1'),
          at: '2026-11-27T01:00:00.000Z',
        },
      },
    });
    await handler(statusChange({}), context);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('leaves a late failure alone once the execution has been redriven', async () => {
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [{ id: 10, type: 'ExecutionRedriven', timestamp: new Date() }, ...failedAtScreening],
    });
    dynamo.on(GetCommand).resolves({ Item: household });
    await handler(statusChange({}), context);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('reads further pages of the history when retries fill the first', async () => {
    const retries: HistoryEvent[] = Array.from({ length: 100 }, (_, index) => ({
      id: 200 - index,
      type: index === 0 ? 'ExecutionFailed' : 'TaskFailed',
      timestamp: new Date(),
    }));
    sfn
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({ events: retries, nextToken: 'more' })
      .resolvesOnce({ events: failedAtScreening.slice(1) });
    dynamo.on(GetCommand).resolves({ Item: household });
    dynamo.on(UpdateCommand).resolves({});
    dynamo.on(TransactWriteCommand).resolves({});
    await handler(statusChange({}), context);
    expect(sfn.commandCalls(GetExecutionHistoryCommand)[1]!.args[0].input.nextToken).toBe('more');
    const failure =
      dynamo.commandCalls(UpdateCommand)[0]!.args[0].input.ExpressionAttributeValues?.[':failure'];
    expect(failure).toMatchObject({ state: 'Screen household' });
  });

  it('does not mark deliberate endings, successes or first starts', async () => {
    for (const error of DELIBERATE_ENDINGS) await handler(statusChange({ error }), context);
    await handler(statusChange({ status: 'SUCCEEDED', error: null }), context);
    await handler(statusChange({ status: 'RUNNING', error: null, redriveCount: 0, stopDate: null }), context);
    expect(sfn.calls()).toHaveLength(0);
    expect(dynamo.calls()).toHaveLength(0);
  });

  it('on a redrive, puts back the status the failure kept and audits it', async () => {
    dynamo.on(UpdateCommand).resolves({ Attributes: { ...household, status: 'RECEIVED' } });
    dynamo.on(TransactWriteCommand).resolves({});
    await handler(
      statusChange({
        status: 'RUNNING',
        error: null,
        stopDate: null,
        redriveCount: 1,
        redriveDate: STOPPED + 5000,
      }),
      context,
    );
    const update = dynamo.commandCalls(UpdateCommand)[0]!.args[0].input;
    expect(update.UpdateExpression).toContain('#status = statusBeforeFailure');
    expect(update.ExpressionAttributeValues).toMatchObject({ ':at': '2026-11-27T01:00:05.000Z' });
    expect(JSON.stringify(dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input)).toContain(
      'household.workflow-failure:cleared',
    );
  });

  it('a redrive of a household the screening already put back changes nothing more', async () => {
    dynamo.on(UpdateCommand).rejects(
      Object.assign(new Error('The conditional request failed'), {
        name: 'ConditionalCheckFailedException',
      }),
    );
    await handler(
      statusChange({ status: 'RUNNING', error: null, redriveCount: 1, redriveDate: STOPPED }),
      context,
    );
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('marks a GBV case beside its status, with the audit record in the same transaction, and clears it on redrive', async () => {
    const caseItem = { pk: 'CASE#case-1', sk: 'CASE', caseId: 'case-1', status: 'OPEN' };
    sfn.on(GetExecutionHistoryCommand).resolves({
      events: [
        { id: 5, type: 'ExecutionFailed', timestamp: new Date() },
        { id: 4, type: 'TaskFailed', timestamp: new Date() },
        {
          id: 3,
          type: 'TaskStateEntered',
          timestamp: new Date(),
          stateEnteredEventDetails: { name: 'Plan referrals' },
        },
      ],
    });
    dynamo.on(GetCommand).resolvesOnce({ Item: caseItem });
    dynamo.on(TransactWriteCommand).resolves({});
    const failed = {
      stateMachineArn: GBV,
      executionArn: execution(GBV, 'case-1'),
      input: '{"caseId":"case-1"}',
      error: 'Sandbox.Timedout',
    };
    await handler(statusChange(failed), context);
    const marked = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    expect(marked[0]!.Update).toMatchObject({ TableName: 'protection-test' });
    expect(Object.values(marked[0]!.Update!.ExpressionAttributeValues!)).toContainEqual({
      state: 'Plan referrals',
      error: 'Sandbox.Timedout',
      executionArn: execution(GBV, 'case-1'),
      at: '2026-11-27T01:00:00.000Z',
    });
    expect(marked[0]!.Update!.UpdateExpression).not.toContain('status');
    expect(JSON.stringify(marked.slice(1))).toContain('gbv-case.workflow-failure:marked');

    dynamo.on(GetCommand).resolves({ Item: { ...caseItem, failure: { state: 'Plan referrals' } } });
    await handler(
      statusChange({ ...failed, status: 'RUNNING', error: null, redriveCount: 1, redriveDate: STOPPED }),
      context,
    );
    const cleared = dynamo.commandCalls(TransactWriteCommand)[1]!.args[0].input.TransactItems!;
    expect(Object.values(cleared[0]!.Update!.ExpressionAttributeValues!)).toContain(null);
    expect(JSON.stringify(cleared.slice(1))).toContain('gbv-case.workflow-failure:cleared');
  });

  it('ignores events that are not status changes, and executions without an identifier', async () => {
    await handler({ source: 'aws.s3' }, context);
    await handler(statusChange({ input: '{"round":"2026-R4"}' }), context);
    expect(dynamo.calls()).toHaveLength(0);
    expect(sfn.calls()).toHaveLength(0);
  });

  it('lists as deliberate only errors of Fail states the intake workflow reaches on purpose', () => {
    const intake = JSON.parse(readFileSync('workflows/intake.asl.json', 'utf8')) as {
      States: Record<string, { Type: string; Error?: string }>;
    };
    const failErrors = Object.values(intake.States)
      .filter((state) => state.Type === 'Fail')
      .map((state) => state.Error);
    for (const error of DELIBERATE_ENDINGS) expect(failErrors).toContain(error);
  });
});
