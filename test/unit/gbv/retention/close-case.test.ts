import { GetCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { protectionStore } from '../../../../functions/adapters/protection/protection-store.ts';
import {
  gbvRetentionDays,
  InvalidRetentionSettingError,
  retentionMarkerItem,
} from '../../../../functions/gbv/retention/retention-marker.ts';
import { closeCase } from '../../../../functions/gbv/tasks/close-case.ts';
import { RETENTION_MARKER_SK } from '../../../../infra/constructs/gbv-retention.ts';
import { PROTECTION_TTL_ATTRIBUTE } from '../../../../infra/data-stack.ts';
import { aCase, CASE_ID } from '../gbv-setup.ts';

const dynamo = mockClient(documentClient);
const store = protectionStore({ client: documentClient });
beforeEach(() => dynamo.on(TransactWriteCommand).resolves({}));
afterEach(() => {
  dynamo.reset();
  delete process.env.GBV_RETENTION_DAYS;
});

const AT = '2026-11-28T11:00:01.000Z';

describe('close case task', () => {
  it('closes the case and writes its retention marker, expiring after the retention period, in one transaction', async () => {
    dynamo
      .on(GetCommand)
      .resolves({ Item: { pk: `CASE#${CASE_ID}`, sk: 'CASE', ...aCase({ status: 'CLOSURE_REQUESTED' }) } });
    await closeCase({ store, retentionDays: 365 }, { caseId: CASE_ID, at: AT }, 'req-1');
    const [call] = dynamo.commandCalls(TransactWriteCommand);
    const items = call!.args[0].input.TransactItems ?? [];
    expect(items[0]?.Update?.ExpressionAttributeValues).toMatchObject({ ':s0': 'CLOSED', ':s1': AT });
    expect(items[1]?.Put?.Item).toEqual({
      pk: `CASE#${CASE_ID}`,
      sk: 'RETENTION',
      caseId: CASE_ID,
      closedAt: AT,
      retentionDays: 365,
      // Epoch seconds, as DynamoDB's TTL reads them.
      expiration: Date.parse(AT) / 1000 + 365 * 86_400,
    });
    expect(items.slice(2).map((i) => i.Put?.Item?.action)).toEqual(['gbv-case.close', 'gbv-case.close']);
  });

  it('writes nothing for a case already closed (a retried task)', async () => {
    dynamo
      .on(GetCommand)
      .resolves({ Item: { pk: `CASE#${CASE_ID}`, sk: 'CASE', ...aCase({ status: 'CLOSED' }) } });
    expect(await closeCase({ store, retentionDays: 365 }, { caseId: CASE_ID, at: AT }, 'req-1')).toEqual({
      caseId: CASE_ID,
      status: 'CLOSED',
    });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('retention marker', () => {
  it('uses the key and TTL attribute the infrastructure filters and expires on', () => {
    const item = retentionMarkerItem(CASE_ID, AT, 30);
    expect(item.sk).toBe(RETENTION_MARKER_SK);
    expect(item).toHaveProperty(PROTECTION_TTL_ATTRIBUTE, Math.floor(Date.parse(AT) / 1000) + 30 * 86_400);
  });

  it('takes fractions of a day, rounded up to the second', () => {
    expect(retentionMarkerItem(CASE_ID, AT, 0.0001).expiration).toBe(Math.floor(Date.parse(AT) / 1000) + 9);
  });

  it('reads the retention period from GBV_RETENTION_DAYS and refuses a period that is not positive', () => {
    process.env.GBV_RETENTION_DAYS = '730';
    expect(gbvRetentionDays()).toBe(730);
    for (const bad of ['0', '-5', 'a year']) {
      process.env.GBV_RETENTION_DAYS = bad;
      expect(() => gbvRetentionDays()).toThrow(InvalidRetentionSettingError);
    }
  });
});
