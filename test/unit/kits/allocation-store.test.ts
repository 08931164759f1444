import { TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createAllocationStore } from '../../../functions/adapters/kits/allocation-store.ts';
import {
  ALLOCATION_ID,
  AT,
  AUDIT,
  allocation,
  cancelled,
  documentClient,
  event,
  REGISTRY,
  request,
  storeOptions,
} from './kit-fixtures.ts';

const mock = mockClient(documentClient);
afterEach(() => mock.reset());

// biome-ignore lint/suspicious/noExplicitAny: transaction items are read field by field in assertions
type Item = any;
const sentItems = (call = 0): Item[] =>
  (mock.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? []) as Item[];

describe('allocation store: reserve', () => {
  it('reserves every line, creates the allocation and logs movements and audit in one transaction', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const store = createAllocationStore(storeOptions());
    expect(await store.reserve(request(), AT, event('allocation.reserve'))).toBe('RESERVED');
    const items = sentItems();
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(1);
    expect(items[0].Update).toMatchObject({
      TableName: REGISTRY,
      Key: { pk: 'STOCK#SITE-1', sk: 'KIT#FOOD' },
      UpdateExpression: expect.stringContaining('available = available - :q, reserved = reserved + :q'),
      ConditionExpression: 'available >= :q',
      ExpressionAttributeValues: { ':q': 2 },
    });
    expect(items[1].Update).toMatchObject({
      Key: { sk: 'KIT#HYGIENE' },
      ExpressionAttributeValues: { ':q': 1 },
    });
    expect(items[2].Put).toMatchObject({
      Item: {
        pk: `HH#${request().householdId}`,
        sk: 'ALLOC#2026-R2',
        gsi1pk: 'DIST#SITE-1#2026-R2',
        gsi1sk: `RESERVED#${request().householdId}`,
        status: 'RESERVED',
        reservedAt: AT,
      },
      ConditionExpression: 'attribute_not_exists(pk)',
    });
    expect(items.slice(3, 5).map((item) => item.Put.Item)).toEqual([
      expect.objectContaining({
        pk: 'STOCK#SITE-1',
        type: 'RESERVATION',
        kitType: 'FOOD',
        quantity: 2,
        reference: ALLOCATION_ID,
      }),
      expect.objectContaining({ type: 'RESERVATION', kitType: 'HYGIENE', quantity: 1 }),
    ]);
    expect(items.slice(5).map((item) => item.Put.TableName)).toEqual([AUDIT, AUDIT]);
  });

  it('answers OUT_OF_STOCK when a kit condition fails, EXISTS when the allocation does', async () => {
    const store = createAllocationStore(storeOptions());
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'ConditionalCheckFailed', 'None'))
      .rejectsOnce(cancelled('None', 'None', 'ConditionalCheckFailed'));
    expect(await store.reserve(request(), AT, event('allocation.reserve'))).toBe('OUT_OF_STOCK');
    expect(await store.reserve(request(), AT, event('allocation.reserve'))).toBe('EXISTS');
  });

  it('retries a transaction cancelled by a conflict, which says nothing about stock', async () => {
    const store = createAllocationStore(storeOptions());
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .rejectsOnce(cancelled('TransactionConflict', 'None', 'None'))
      .resolves({});
    expect(await store.reserve(request(), AT, event('allocation.reserve'))).toBe('RESERVED');
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(3);
  });
});

describe('allocation store: waitlist', () => {
  it('writes the allocation WAITLISTED and a waitlist entry keyed by registration time, with the token', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const store = createAllocationStore(storeOptions());
    expect(await store.waitlist(request(), 'token-1', AT, event('allocation.waitlist'))).toBe('WAITLISTED');
    const [allocationPut, entryPut] = sentItems();
    expect(allocationPut.Put.Item).toMatchObject({
      status: 'WAITLISTED',
      gsi1sk: expect.stringMatching(/^WAITLISTED#/),
    });
    expect(allocationPut.Put.ConditionExpression).toBe('attribute_not_exists(pk)');
    expect(entryPut.Put.Item).toMatchObject({
      pk: 'WAITLIST#SITE-1',
      sk: `2026-11-01T08:00:00.000Z#${ALLOCATION_ID}`,
      taskToken: 'token-1',
    });
  });

  it('serves an entry: stock conditions, status WAITLISTED → RESERVED, entry deleted only if still there', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const store = createAllocationStore(storeOptions());
    const entry = { ...request(), taskToken: 'token-1' };
    expect(await store.serveFromWaitlist(entry, AT, event('allocation.reserve-from-waitlist'))).toBe(
      'RESERVED',
    );
    const items = sentItems();
    expect(items[0].Update.ConditionExpression).toBe('available >= :q');
    expect(items[2].Update).toMatchObject({
      ConditionExpression: '#status = :from',
      ExpressionAttributeValues: { ':from': 'WAITLISTED', ':to': 'RESERVED' },
    });
    expect(items[3].Delete).toMatchObject({
      Key: { pk: 'WAITLIST#SITE-1' },
      ConditionExpression: 'attribute_exists(pk)',
    });
    mock.reset();
    mock
      .on(TransactWriteCommand)
      .rejectsOnce(cancelled('None', 'None', 'ConditionalCheckFailed', 'None'))
      .rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None', 'None'));
    expect(await store.serveFromWaitlist(entry, AT, event('x'))).toBe('GONE');
    expect(await store.serveFromWaitlist(entry, AT, event('x'))).toBe('OUT_OF_STOCK');
  });
});

describe('allocation store: settle', () => {
  it('issues confirmed kits, releases the rest and uses the voucher in one transaction', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const store = createAllocationStore(storeOptions());
    const settled = await store.settle(
      allocation(),
      {
        status: 'PARTIAL',
        issue: [{ kitType: 'FOOD', quantity: 1 }],
        release: [
          { kitType: 'FOOD', quantity: 1 },
          { kitType: 'HYGIENE', quantity: 1 },
        ],
        voucherCode: '3469A-CDEFGH',
        collector: { type: 'PROXY', name: 'Mariam Diallo' },
      },
      AT,
      event('allocation.confirm.partial'),
    );
    expect(settled).toBe(true);
    const items = sentItems();
    expect(items[0].Update).toMatchObject({
      ConditionExpression: '#status = :from',
      ExpressionAttributeValues: {
        ':from': 'RESERVED',
        ':to': 'PARTIAL',
        ':collector': { type: 'PROXY', name: 'Mariam Diallo' },
      },
    });
    expect(items[1].Update).toMatchObject({
      Key: { pk: 'VOUCHER#3469A-CDEFGH', sk: 'VOUCHER' },
      ConditionExpression: '#status = :issued AND allocationId = :allocationId',
      ExpressionAttributeValues: { ':to': 'USED' },
    });
    expect(items[2].Update).toMatchObject({
      UpdateExpression: expect.stringContaining('reserved = reserved - :q, distributed = distributed + :q'),
      ConditionExpression: 'reserved >= :q',
    });
    expect(items[3].Update.UpdateExpression).toContain('available = available + :q');
    expect(items.slice(5, 8).map((item) => item.Put.Item.type)).toEqual(['ISSUE', 'RELEASE', 'RELEASE']);
    // The proxy's name is on the allocation item only: not in the ledger, not in the audit record.
    expect(JSON.stringify(items.slice(1))).not.toContain('Mariam');
  });

  it('expires the voucher of a timed-out allocation, and reports a lost race as false', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const store = createAllocationStore(storeOptions());
    await store.settle(
      allocation(),
      { status: 'EXPIRED', issue: [], release: allocation().lines },
      AT,
      event('x'),
    );
    expect(sentItems()[1].Update.ExpressionAttributeValues[':to']).toBe('EXPIRED');
    mock.reset();
    mock.on(TransactWriteCommand).rejectsOnce(cancelled('ConditionalCheckFailed', 'None', 'None', 'None'));
    expect(
      await store.settle(
        allocation(),
        { status: 'EXPIRED', issue: [], release: allocation().lines },
        AT,
        event('x'),
      ),
    ).toBe(false);
  });
});
