import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { eraseHousehold } from '../../../functions/erasure/household-erasure.ts';

const client = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const dynamo = mockClient(client);
afterEach(() => dynamo.reset());

const HH = '01JABCDEFGHJKMNPQRSTVWXYZ0';
const deps = {
  client,
  registryTable: 'registry',
  auditTable: 'audit',
  now: () => new Date('2026-11-26T12:00:00Z'),
  newId: () => 'EVT1',
};
const actor = { actor: 'sup-1', roles: ['supervisor'], requestId: 'req-1' };
const profile = (status: string, extra: Record<string, unknown> = {}) => ({
  pk: `HH#${HH}`,
  sk: 'PROFILE',
  status,
  householdId: HH,
  headOfHousehold: {
    givenName: 'Awa',
    familyName: 'Diallo',
    sex: 'F',
    birthYear: 1990,
    phone: '+223 70 00 00 00',
  },
  fingerprint: 'f'.repeat(64),
  ...extra,
});
const erase = () => eraseHousehold(deps, { householdId: HH, reason: 'DATA_SUBJECT_REQUEST', actor });

describe('eraseHousehold', () => {
  it('refuses a household still in intake and writes nothing', async () => {
    for (const status of ['RECEIVED', 'REGISTERED', 'PENDING_REVIEW']) {
      dynamo.on(QueryCommand).resolves({ Items: [profile(status)] });
      expect(await erase()).toEqual({ kind: 'in-progress', status });
    }
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('answers not-found and already-erased without writing', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [] });
    expect(await erase()).toEqual({ kind: 'not-found' });
    dynamo.on(QueryCommand).resolves({ Items: [profile('ELIGIBLE', { erasure: { at: 'x' } })] });
    expect(await erase()).toEqual({ kind: 'already-erased' });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('removes personal fields, the guard of this household only, collectors and notes, and audits, in one transaction', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        profile('ELIGIBLE'),
        { pk: `HH#${HH}`, sk: 'ALLOC#2026-R2', collector: { type: 'PROXY', name: 'Binta' } },
        { pk: `HH#${HH}`, sk: 'ALLOC#2026-R1' },
        { pk: `HH#${HH}`, sk: 'REVIEW#eligibility', note: 'called her brother' },
        { pk: `HH#${HH}`, sk: 'DECISION#2026-11-01' },
      ],
    });
    dynamo.on(TransactWriteCommand).resolves({});
    expect(await erase()).toEqual({ kind: 'erased', removedItems: 1, changedItems: 3 });
    const items = dynamo.commandCalls(TransactWriteCommand)[0]!.args[0].input.TransactItems!;
    const update = items[0]!.Update!;
    expect(update.UpdateExpression).toMatch(
      /^REMOVE headOfHousehold, fingerprint, gsi2pk, gsi2sk SET erasure/,
    );
    expect(update.ConditionExpression).toContain('#status = :status');
    expect(items[1]!.Delete).toMatchObject({
      Key: { pk: `GUARD#IDENTITY#${'f'.repeat(64)}`, sk: 'GUARD' },
      ExpressionAttributeValues: { ':householdId': HH },
    });
    expect(items.filter((item) => item.Update?.UpdateExpression === 'REMOVE collector')).toHaveLength(1);
    expect(items.filter((item) => item.Update?.UpdateExpression === 'REMOVE note')).toHaveLength(1);
    const audits = items.filter((item) => item.Put?.TableName === 'audit');
    expect(audits).toHaveLength(2);
    expect(audits[0]!.Put!.Item).toMatchObject({ action: 'household.erase', entityId: HH, actor: 'sup-1' });
    expect(JSON.stringify(items)).not.toMatch(/Awa|Diallo|Binta|brother|1990/);
  });
});
