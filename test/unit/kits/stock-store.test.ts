import { QueryCommand, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createStockStore } from '../../../functions/adapters/kits/stock-store.ts';
import { TransactionRefusedError } from '../../../functions/adapters/kits/transact.ts';
import { countStock } from '../../../functions/stock/count.ts';
import { AT, actor, cancelled, documentClient, storeOptions } from './kit-fixtures.ts';

const mock = mockClient(documentClient);
afterEach(() => mock.reset());

// biome-ignore lint/suspicious/noExplicitAny: transaction items are read field by field in assertions
const sentItems = (call = 0): any[] =>
  mock.commandCalls(TransactWriteCommand)[call]?.args[0].input.TransactItems ?? [];
const receiptEvent = { ...actor, action: 'stock.receipt', entityType: 'stock-receipt', entityId: 'R1' };

describe('stock store', () => {
  it('records a receipt: balances created on first delivery, one RECEIPT movement per line, audit', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const store = createStockStore(storeOptions());
    await store.receive(
      { siteId: 'SITE-1', receiptId: 'R1', lines: [{ kitType: 'FOOD', quantity: 50 }], at: AT },
      receiptEvent,
    );
    const [balance, movement, ...audit] = sentItems();
    expect(balance.Update).toMatchObject({
      Key: { pk: 'STOCK#SITE-1', sk: 'KIT#FOOD' },
      UpdateExpression: expect.stringContaining('available = if_not_exists(available, :zero) + :q'),
      ExpressionAttributeValues: { ':q': 50, ':zero': 0 },
    });
    expect(balance.Update.ConditionExpression).toBeUndefined();
    expect(movement.Put.Item).toMatchObject({
      type: 'RECEIPT',
      kitType: 'FOOD',
      quantity: 50,
      reference: 'R1',
    });
    expect(audit).toHaveLength(2);
  });

  it('reads balances per kit type, consistently', async () => {
    mock.on(QueryCommand).resolves({
      Items: [
        {
          pk: 'STOCK#SITE-1',
          sk: 'KIT#FOOD',
          kitType: 'FOOD',
          available: 3,
          reserved: 2,
          distributed: 1,
          received: 6,
          lost: 0,
          adjusted: 0,
        },
      ],
    });
    const balances = await createStockStore(storeOptions()).balances('SITE-1');
    expect(balances).toEqual({
      FOOD: { available: 3, reserved: 2, distributed: 1, received: 6, lost: 0, adjusted: 0 },
    });
    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({ ConsistentRead: true });
  });
});

describe('countStock', () => {
  const deps = () => {
    const store = createStockStore(storeOptions());
    return {
      stock: store,
      allocations: {} as never,
      wake: async () => true,
      clock: { now: () => new Date(AT) },
      newId: () => 'C1',
    };
  };

  it('appends a COUNT_ADJUSTMENT conditional on the balance it compared with, only for kits that differ', async () => {
    mock.on(QueryCommand).resolves({
      Items: [
        { kitType: 'FOOD', available: 10, reserved: 4, distributed: 0, received: 14, lost: 0, adjusted: 0 },
      ],
    });
    mock.on(TransactWriteCommand).resolves({});
    const result = await countStock(deps(), {
      siteId: 'SITE-1',
      count: { countedAt: AT, lines: [{ kitType: 'FOOD', counted: 11 }] },
      actor,
    });
    expect(result.kits).toEqual([
      { kitType: 'FOOD', expected: 14, counted: 11, adjustment: -3, reservedShortfall: 0 },
    ]);
    const [count, adjustment, movement] = sentItems();
    expect(count.Put.Item).toMatchObject({ sk: `COUNT#${AT}#C1`, lines: [{ kitType: 'FOOD', counted: 11 }] });
    expect(adjustment.Update).toMatchObject({
      ConditionExpression: 'available = :available AND reserved = :reserved',
      ExpressionAttributeValues: { ':q': -3, ':available': 10, ':reserved': 4 },
    });
    expect(movement.Put.Item).toMatchObject({ type: 'COUNT_ADJUSTMENT', quantity: -3, reference: 'C1' });
  });

  it('answers 409 when stock moved between reading and applying the count', async () => {
    mock
      .on(QueryCommand)
      .resolves({ Items: [{ kitType: 'FOOD', available: 10, reserved: 0, received: 10 }] });
    mock
      .on(TransactWriteCommand)
      .rejects(cancelled('None', 'ConditionalCheckFailed', 'None', 'None', 'None'));
    const error = await countStock(deps(), {
      siteId: 'SITE-1',
      count: { countedAt: AT, lines: [{ kitType: 'FOOD', counted: 9 }] },
      actor,
    }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ status: 409, code: 'STOCK_MOVED_DURING_COUNT' });
    expect((error as Error).cause).toBeInstanceOf(TransactionRefusedError);
  });
});
