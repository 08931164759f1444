import { GetCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { HOUSEHOLD_ID, household } from '../adapters/registry-fixtures.ts';
import { fakeContext } from '../shared/fakes.ts';
import '../intake/handler-setup.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { handler as computeEntitlement } from '../../../functions/allocations/compute-entitlement.ts';

const dynamo = mockClient(documentClient);
afterEach(() => dynamo.reset());

const profile = (overrides = {}) => ({
  pk: `HH#${HOUSEHOLD_ID}`,
  sk: 'PROFILE',
  ...(household(overrides) as unknown as Record<string, unknown>),
});
const auditActions = () =>
  dynamo
    .commandCalls(TransactWriteCommand)
    .flatMap((call) => call.args[0].input.TransactItems ?? [])
    .filter((entry) => String(entry.Put?.Item?.['pk']).startsWith('ENTITY#'))
    .map((entry) => entry.Put?.Item?.['action']);

describe('task "Compute entitlement"', () => {
  it('plans the kits of an eligible household, writing nothing', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'ELIGIBLE' }) });
    const plan = await computeEntitlement({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(plan).toMatchObject({ outcome: 'DUE', householdId: HOUSEHOLD_ID });
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });

  it('clears the failure mark a redrive reached before its status-change event, and plans as ELIGIBLE', async () => {
    dynamo.on(GetCommand).resolves({ Item: profile({ status: 'FAILED' }) });
    dynamo.on(UpdateCommand).resolves({ Attributes: profile({ status: 'ELIGIBLE' }) });
    dynamo.on(TransactWriteCommand).resolves({});
    const plan = await computeEntitlement({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(plan).toMatchObject({ outcome: 'DUE', householdId: HOUSEHOLD_ID });
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input.ConditionExpression).toContain(
      'statusBeforeFailure',
    );
    expect(auditActions()).toEqual(['household.workflow-failure:cleared']);
  });

  it('finds a household whose mark was already cleared (the event came first) as it is now', async () => {
    dynamo
      .on(GetCommand)
      .resolvesOnce({ Item: profile({ status: 'FAILED' }) })
      .resolves({ Item: profile({ status: 'ELIGIBLE' }) });
    dynamo
      .on(UpdateCommand)
      .rejects(Object.assign(new Error('conditional'), { name: 'ConditionalCheckFailedException' }));
    const plan = await computeEntitlement({ householdId: HOUSEHOLD_ID }, fakeContext());
    expect(plan).toMatchObject({ outcome: 'DUE', householdId: HOUSEHOLD_ID });
    expect(auditActions()).toEqual([]);
  });
});
