import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { BatchGetCommand, GetCommand, QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { claimsFor, fakeContext, fakeEvent } from '../shared/fakes.ts';
import '../intake/handler-setup.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { handler as getDistributionList } from '../../../functions/allocations/get-distribution-list.ts';
import { handler as recordVerification } from '../../../functions/allocations/record-verification.ts';
import { handler as getStock } from '../../../functions/stock/get-stock.ts';
import { handler as receiveStock } from '../../../functions/stock/receive-stock.ts';
import { ALLOCATION_ID, allocation, HOUSEHOLD_ID } from './kit-fixtures.ts';

const dynamo = mockClient(documentClient);
const raw = mockClient(DynamoDBClient);
const sfn = mockClient(SFNClient);
afterEach(() => {
  dynamo.reset();
  raw.reset();
  sfn.reset();
});

const json = (result: { body?: string }) => JSON.parse(String(result.body));
const call = (
  handler: typeof getStock,
  routeKey: string,
  options: {
    groups?: string[];
    path?: Record<string, string>;
    body?: unknown;
    headers?: Record<string, string>;
  },
) =>
  handler(
    fakeEvent({
      routeKey,
      claims: claimsFor(options.groups ?? ['supervisor']),
      ...(options.path ? { path: options.path } : {}),
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      headers: { 'content-type': 'application/json', ...options.headers },
    }),
    fakeContext(),
  ) as Promise<{ statusCode: number; body?: string; headers?: Record<string, string> }>;

describe('GET /sites/{siteId}/stock', () => {
  it('lists available, reserved and distributed per kit type', async () => {
    dynamo.on(QueryCommand).resolves({
      Items: [
        { kitType: 'FOOD', available: 5, reserved: 2, distributed: 3, received: 10, lost: 0, adjusted: 0 },
      ],
    });
    const result = await call(getStock, 'GET /sites/{siteId}/stock', { path: { siteId: 'SITE-1' } });
    expect(result.statusCode).toBe(200);
    expect(json(result)).toEqual({
      siteId: 'SITE-1',
      kits: [
        { kitType: 'FOOD', available: 5, reserved: 2, distributed: 3, received: 10, lost: 0, adjusted: 0 },
      ],
    });
  });

  it('refuses a role the access matrix does not grant', async () => {
    const result = await call(getStock, 'GET /sites/{siteId}/stock', {
      groups: ['caseworker'],
      path: { siteId: 'SITE-1' },
    });
    expect(result.statusCode).toBe(403);
  });
});

describe('POST /sites/{siteId}/stock/receipts', () => {
  it('answers 400 with field messages for a bad receipt and writes nothing', async () => {
    const result = await call(receiveStock, 'POST /sites/{siteId}/stock/receipts', {
      path: { siteId: 'SITE-1' },
      body: { lines: [{ kitType: 'FOOD', quantity: 0 }] },
      headers: { 'accept-language': 'fr' },
    });
    expect(result.statusCode).toBe(400);
    expect(json(result).error.fields.map((field: { path: string }) => field.path)).toEqual([
      'lines.0.quantity',
    ]);
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });
});

describe('GET /sites/{siteId}/rounds/{round}/distribution-list', () => {
  it('answers CSV for Accept: text/csv, with the voucher codes', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [allocation()] });
    dynamo.on(BatchGetCommand).resolves({
      Responses: {
        'registry-test': [
          { householdId: HOUSEHOLD_ID, headOfHousehold: { givenName: 'Aminata', familyName: 'Traoré' } },
        ],
      },
    });
    const result = await call(getDistributionList, 'GET /sites/{siteId}/rounds/{round}/distribution-list', {
      groups: ['intake'],
      path: { siteId: 'SITE-1', round: '2026-R2' },
      headers: { accept: 'text/csv' },
    });
    expect(result.statusCode).toBe(200);
    expect(result.headers?.['content-type']).toContain('text/csv');
    expect(result.body).toContain(`${ALLOCATION_ID},${HOUSEHOLD_ID},Aminata Traoré,RESERVED,3469A-CDEFGH`);
    expect(dynamo.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      IndexName: 'GSI1',
      ExpressionAttributeValues: { ':pk': 'DIST#SITE-1#2026-R2' },
    });
  });
});

describe('POST /allocations/{allocationId}/verification', () => {
  const body = { outcome: 'RECEIVED', contactedAt: '2026-11-26T10:00:00Z' };

  it('answers 409 for an allocation that was not distributed', async () => {
    dynamo.on(GetCommand).resolves({ Item: allocation() });
    dynamo.on(TransactWriteCommand).rejects(
      Object.assign(new Error('cancelled'), {
        name: 'TransactionCanceledException',
        CancellationReasons: [{ Code: 'ConditionalCheckFailed' }, { Code: 'None' }, { Code: 'None' }],
      }),
    );
    const result = await call(recordVerification, 'POST /allocations/{allocationId}/verification', {
      path: { allocationId: ALLOCATION_ID },
      body,
    });
    expect(result.statusCode).toBe(409);
    expect(json(result).error.code).toBe('ALLOCATION_NOT_DISTRIBUTED');
  });

  it('answers 404 for an allocation id that is not one of ours', async () => {
    const result = await call(recordVerification, 'POST /allocations/{allocationId}/verification', {
      path: { allocationId: 'not-an-allocation' },
      body,
    });
    expect(result.statusCode).toBe(404);
  });
});
