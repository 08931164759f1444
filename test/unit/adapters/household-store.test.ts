import {
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import {
  createHouseholdStore,
  HouseholdMissingError,
} from '../../../functions/adapters/registry/household-store.ts';
import {
  cancelled,
  conditionFailed,
  documentClient,
  HOUSEHOLD_ID,
  household,
  OTHER_ID,
  TABLE,
} from './registry-fixtures.ts';

const dynamo = mockClient(documentClient);
const store = createHouseholdStore(documentClient, TABLE);
const AT = '2026-06-01T09:00:00.000Z';

afterEach(() => dynamo.reset());

describe('household store: create', () => {
  it('puts a form registration under its keys, only if the id is new', async () => {
    dynamo.on(PutCommand).resolves({});
    await expect(store.create(household())).resolves.toEqual({ created: true });
    const put = dynamo.commandCalls(PutCommand)[0]?.args[0].input;
    expect(put?.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(put?.Item).toMatchObject({
      pk: `HH#${HOUSEHOLD_ID}`,
      sk: 'PROFILE',
      gsi1pk: 'SITE#SITE-SEVARE-01',
      gsi1sk: `STATUS#RECEIVED#2026-06-01T08:00:00.000Z#${HOUSEHOLD_ID}`,
      householdId: HOUSEHOLD_ID,
      status: 'RECEIVED',
    });
    expect(put?.Item).not.toHaveProperty('gsi2pk');
  });

  it('claims the Kobo submission guard in the same transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    const kobo = household({ source: { channel: 'kobo', submissionUuid: 'uuid-1' } });
    await expect(store.create(kobo)).resolves.toEqual({ created: true });
    const items = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(items).toHaveLength(2);
    expect(items[0]?.Put?.Item).toMatchObject({ pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE' });
    expect(items[1]?.Put).toEqual({
      TableName: TABLE,
      Item: { pk: 'GUARD#KOBO#uuid-1', sk: 'GUARD', householdId: HOUSEHOLD_ID, createdAt: kobo.createdAt },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('answers with the first household when the Kobo submission was already stored', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    dynamo.on(GetCommand).resolves({ Item: { pk: 'GUARD#KOBO#uuid-1', sk: 'GUARD', householdId: OTHER_ID } });
    const kobo = household({ source: { channel: 'kobo', submissionUuid: 'uuid-1' } });
    await expect(store.create(kobo)).resolves.toEqual({ created: false, householdId: OTHER_ID });
    expect(dynamo.commandCalls(GetCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: 'GUARD#KOBO#uuid-1', sk: 'GUARD' },
      ConsistentRead: true,
    });
  });

  it('does not mistake another cancellation for a repeat', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    const kobo = household({ source: { channel: 'kobo', submissionUuid: 'uuid-1' } });
    await expect(store.create(kobo)).rejects.toThrow('Transaction cancelled');
  });
});

describe('household store: claimIdentity', () => {
  const claim = {
    fingerprint: 'abc123',
    blockingKey: 'NEAR#SITE-SEVARE-01#F#1984',
    dedupe: { outcome: 'UNIQUE' as const },
    status: 'REGISTERED' as const,
    at: AT,
  };

  it('registers the household and puts the identity guard in one transaction', async () => {
    dynamo.on(TransactWriteCommand).resolves({});
    await expect(store.claimIdentity(household(), claim)).resolves.toEqual({ claimed: true });
    const [update, guard] = dynamo.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems ?? [];
    expect(update?.Update?.Key).toEqual({ pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE' });
    expect(update?.Update?.ConditionExpression).toBe('#status = :received');
    expect(update?.Update?.ExpressionAttributeValues).toMatchObject({
      ':status': 'REGISTERED',
      ':received': 'RECEIVED',
      ':fingerprint': 'abc123',
      ':gsi1sk': `STATUS#REGISTERED#2026-06-01T08:00:00.000Z#${HOUSEHOLD_ID}`,
      ':gsi2pk': 'BLOCK#NEAR#SITE-SEVARE-01#F#1984',
      ':gsi2sk': `HH#${HOUSEHOLD_ID}`,
    });
    expect(guard?.Put).toEqual({
      TableName: TABLE,
      Item: { pk: 'GUARD#IDENTITY#abc123', sk: 'GUARD', householdId: HOUSEHOLD_ID, createdAt: AT },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
  });

  it('names the household that already holds the identity', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('None', 'ConditionalCheckFailed'));
    dynamo.on(GetCommand).resolves({ Item: { householdId: OTHER_ID } });
    await expect(store.claimIdentity(household(), claim)).resolves.toEqual({
      claimed: false,
      ownerHouseholdId: OTHER_ID,
    });
  });

  it('rethrows when the household itself was not RECEIVED', async () => {
    dynamo.on(TransactWriteCommand).rejects(cancelled('ConditionalCheckFailed', 'None'));
    await expect(store.claimIdentity(household(), claim)).rejects.toThrow('Transaction cancelled');
  });
});

describe('household store: status changes', () => {
  it('marks an exact repeat as a duplicate of the original, only from RECEIVED', async () => {
    dynamo.on(UpdateCommand).resolves({});
    await store.markDuplicate(household(), OTHER_ID, AT);
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.ConditionExpression).toBe('#status = :received');
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':status': 'DUPLICATE',
      ':original': OTHER_ID,
      ':dedupe': { outcome: 'DUPLICATE', matchHouseholdId: OTHER_ID },
    });
  });

  it('takes a household confirmed as duplicate out of the near-match index', async () => {
    dynamo.on(UpdateCommand).resolves({});
    await store.linkAsDuplicate(household({ status: 'PENDING_REVIEW' }), OTHER_ID, AT);
    const input = dynamo.commandCalls(UpdateCommand)[0]?.args[0].input;
    expect(input?.UpdateExpression).toMatch(/REMOVE gsi2pk, gsi2sk$/);
    expect(input?.ExpressionAttributeValues).toMatchObject({
      ':status': 'DUPLICATE',
      ':gsi1sk': `STATUS#DUPLICATE#2026-06-01T08:00:00.000Z#${HOUSEHOLD_ID}`,
    });
  });

  it('reports a missing household as HouseholdMissingError', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    await expect(store.setStatus(household(), 'REGISTERED', AT)).rejects.toBeInstanceOf(
      HouseholdMissingError,
    );
  });
});

describe('household store: clearFailure', () => {
  it('puts back the status and listing key a failure interrupted, and forgets the failure', async () => {
    const restored = { pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE', ...household({ status: 'PENDING_REVIEW' }) };
    dynamo.on(UpdateCommand).resolves({ Attributes: restored });
    await expect(store.clearFailure(HOUSEHOLD_ID, AT)).resolves.toEqual(
      household({ status: 'PENDING_REVIEW' }),
    );
    expect(dynamo.commandCalls(UpdateCommand)[0]?.args[0].input).toMatchObject({
      Key: { pk: `HH#${HOUSEHOLD_ID}`, sk: 'PROFILE' },
      UpdateExpression:
        'SET #status = statusBeforeFailure, gsi1sk = gsi1skBeforeFailure, updatedAt = :at REMOVE statusBeforeFailure, gsi1skBeforeFailure, failure',
      ConditionExpression: '#status = :failed AND attribute_exists(statusBeforeFailure)',
      ExpressionAttributeValues: { ':failed': 'FAILED', ':at': AT },
      ReturnValues: 'ALL_NEW',
    });
  });

  it('answers undefined when the household is not FAILED with a status to restore', async () => {
    dynamo.on(UpdateCommand).rejects(conditionFailed());
    await expect(store.clearFailure(HOUSEHOLD_ID, AT)).resolves.toBeUndefined();
  });
});

describe('household store: reads', () => {
  it('returns a household without the table keys', async () => {
    dynamo
      .on(GetCommand)
      .resolves({ Item: { pk: 'x', sk: 'PROFILE', gsi1pk: 'y', gsi1sk: 'z', ...household() } });
    expect(await store.get(HOUSEHOLD_ID)).toEqual(household());
  });

  it('queries near-match candidates by blocking key', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [household({ householdId: OTHER_ID, status: 'REGISTERED' })] });
    const found = await store.findByBlockingKey('NEAR#S#F#1984');
    expect(found.map((record) => record.householdId)).toEqual([OTHER_ID]);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'GSI2',
      ExpressionAttributeValues: { ':pk': 'BLOCK#NEAR#S#F#1984' },
    });
  });

  it('lists a site by status, filters a partner, and pages with an opaque cursor', async () => {
    const lastKey = {
      pk: `HH#${HOUSEHOLD_ID}`,
      sk: 'PROFILE',
      gsi1pk: 'SITE#S1',
      gsi1sk: 'STATUS#ELIGIBLE#t#id',
    };
    dynamo
      .on(QueryCommand)
      .resolvesOnce({ Items: [household()], LastEvaluatedKey: lastKey })
      .resolves({ Items: [] });
    const first = await store.listBySite({ site: 'S1', status: 'ELIGIBLE', partnerId: 'FeDe', limit: 1 });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await store.listBySite({
      site: 'S1',
      status: 'ELIGIBLE',
      limit: 1,
      cursor: first.nextCursor,
    });
    expect(second).toEqual({ items: [], nextCursor: undefined });
    const [one, two] = dynamo.commandCalls(QueryCommand).map((call) => call.args[0].input);
    expect(one).toMatchObject({
      IndexName: 'GSI1',
      KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
      ExpressionAttributeValues: { ':pk': 'SITE#S1', ':prefix': 'STATUS#ELIGIBLE#', ':partnerId': 'FeDe' },
      FilterExpression: 'partnerId = :partnerId',
      Limit: 1,
    });
    expect(two?.ExclusiveStartKey).toEqual(lastKey);
    expect(two).not.toHaveProperty('FilterExpression');
  });

  it('refuses a forged cursor with a 400', async () => {
    await expect(store.listBySite({ site: 'S1', limit: 10, cursor: 'not-a-cursor' })).rejects.toMatchObject({
      status: 400,
      code: 'INVALID_CURSOR',
    });
    const nested = Buffer.from(JSON.stringify({ pk: { S: 'x' } })).toString('base64url');
    await expect(store.listBySite({ site: 'S1', limit: 10, cursor: nested })).rejects.toMatchObject({
      status: 400,
    });
  });
});
