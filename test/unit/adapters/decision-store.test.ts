import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createDecisionStore } from '../../../functions/adapters/registry/decision-store.ts';
import { HouseholdMissingError } from '../../../functions/adapters/registry/household-store.ts';
import { createHouseholdViewReader } from '../../../functions/adapters/registry/household-view-store.ts';
import { cancelled, documentClient, HOUSEHOLD_ID, household, TABLE } from './registry-fixtures.ts';

const dynamo = mockClient(documentClient);
const decisions = createDecisionStore(documentClient, TABLE);
const decision = {
  householdId: HOUSEHOLD_ID,
  outcome: 'REVIEW' as const,
  reasons: [{ code: 'STRESSED_SOME_VULNERABILITY', params: { rcsiPhase: 2 } }],
  ruleSetVersion: 'mopti-2026-v1',
  decidedAt: '2026-06-01T08:00:05.000Z',
  decidedBy: 'rules' as const,
};

afterEach(() => dynamo.reset());

describe('decision store', () => {
  it('stores the decision and the household status in one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await decisions.record(household({ status: 'REGISTERED' }), decision, 'PENDING_REVIEW');
    const [put, update] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(put?.Put?.Item).toEqual({
      pk: `HH#${HOUSEHOLD_ID}`,
      sk: 'DECISION#2026-06-01T08:00:05.000Z',
      ...decision,
    });
    expect(update?.Update?.ConditionExpression).toBe('attribute_exists(pk)');
    expect(update?.Update?.ExpressionAttributeValues).toMatchObject({
      ':status': 'PENDING_REVIEW',
      ':gsi1sk': `STATUS#PENDING_REVIEW#2026-06-01T08:00:00.000Z#${HOUSEHOLD_ID}`,
      ':eligibility': { outcome: 'REVIEW', ruleSetVersion: 'mopti-2026-v1' },
    });
  });

  it('reports a vanished household', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    await expect(decisions.record(household(), decision, 'ELIGIBLE')).rejects.toBeInstanceOf(
      HouseholdMissingError,
    );
  });
});

describe('household view reader', () => {
  const read = createHouseholdViewReader(documentClient, TABLE);

  it('reads the whole household partition and sorts the items by kind, never showing a task token', async () => {
    dynamo
      .on(QueryCommand)
      .resolvesOnce({
        Items: [
          { pk: `HH#${HOUSEHOLD_ID}`, sk: 'ALLOC#R1#FOOD', kit: 'FOOD' },
          { pk: `HH#${HOUSEHOLD_ID}`, sk: 'DECISION#2026-06-01T08:00:05.000Z', ...decision },
        ],
        LastEvaluatedKey: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'DECISION#2026-06-01T08:00:05.000Z' },
      })
      .resolves({
        Items: [
          { pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE', ...household() },
          { pk: `HH#${HOUSEHOLD_ID}`, sk: 'REVIEW#eligibility', reviewId: 'r', taskToken: 'secret' },
        ],
      });
    const view = await read(HOUSEHOLD_ID);
    expect(view?.household).toEqual(household());
    expect(view?.decisions).toEqual([decision]);
    expect(view?.reviews).toEqual([{ reviewId: 'r' }]);
    expect(view?.allocations).toEqual([{ pk: `HH#${HOUSEHOLD_ID}`, sk: 'ALLOC#R1#FOOD', kit: 'FOOD' }]);
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(2);
  });

  it('answers undefined for an unknown household', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    expect(await read(HOUSEHOLD_ID)).toBeUndefined();
  });
});
