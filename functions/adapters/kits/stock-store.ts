import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import type { KitLine } from '#domain/kits/entitlement.ts';
import { EMPTY_BALANCE, type StockBalance, type StockMovement } from '#domain/stock/stock-movement.ts';
import type { AuditEvent } from '#shared/audit/audit-event.ts';
import { auditPuts } from '#shared/audit/dynamodb-audit-writer.ts';
import { countSk, movementSkPrefix, stockPk, stockSkPrefix } from './keys.ts';
import { adjustStock, movementPut, receiveStock } from './stock-items.ts';
import { type TransactItem, transact } from './transact.ts';

export interface KitStoreOptions {
  client: DynamoDBDocumentClient;
  registryTable: string;
  /** Read when a change is written, so read-only functions need no audit table. */
  auditTable: () => string;
  newId: () => string;
}

export type SiteBalances = Record<string, StockBalance>;

const BALANCE_FIELDS = ['available', 'reserved', 'distributed', 'received', 'lost', 'adjusted'] as const;

/** Stock balances and ledger of a site (receipts, counts, reads). */
export function createStockStore({ client, registryTable, auditTable, newId }: KitStoreOptions) {
  async function queryAll(siteId: string, prefix: string): Promise<Record<string, unknown>[]> {
    const items: Record<string, unknown>[] = [];
    let ExclusiveStartKey: Record<string, unknown> | undefined;
    do {
      const page = await client.send(
        new QueryCommand({
          TableName: registryTable,
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': stockPk(siteId), ':prefix': prefix },
          ConsistentRead: true,
          ExclusiveStartKey,
        }),
      );
      items.push(...(page.Items ?? []));
      ExclusiveStartKey = page.LastEvaluatedKey;
    } while (ExclusiveStartKey);
    return items;
  }

  const audit = (event: AuditEvent, at: string) => auditPuts(event, auditTable(), { eventId: newId(), at });

  return {
    /** Balances per kit type (strongly consistent). */
    async balances(siteId: string): Promise<SiteBalances> {
      const balances: SiteBalances = {};
      for (const item of await queryAll(siteId, stockSkPrefix)) {
        const balance = { ...EMPTY_BALANCE };
        for (const field of BALANCE_FIELDS) balance[field] = Number(item[field] ?? 0);
        balances[String(item['kitType'])] = balance;
      }
      return balances;
    },

    /** The ledger of a site, oldest first. */
    async movements(siteId: string): Promise<StockMovement[]> {
      return (await queryAll(siteId, movementSkPrefix)).map((item) => ({
        type: item['type'] as StockMovement['type'],
        kitType: String(item['kitType']),
        quantity: Number(item['quantity']),
        at: String(item['at']),
        reference: String(item['reference']),
      }));
    },

    /** A receipt: balances, a RECEIPT movement per line and the audit record, in one transaction. */
    async receive(
      input: { siteId: string; receiptId: string; lines: KitLine[]; at: string },
      event: AuditEvent,
    ): Promise<void> {
      const items: TransactItem[] = [];
      for (const line of input.lines) {
        items.push(receiveStock(registryTable, input.siteId, line, input.at));
        items.push(
          movementPut(
            registryTable,
            { siteId: input.siteId, type: 'RECEIPT', ...line, at: input.at, reference: input.receiptId },
            newId(),
          ),
        );
      }
      await transact(client, [...items, ...audit(event, input.at)]);
    },

    /**
     * A physical count: the count record, then per kit the COUNT_ADJUSTMENT the domain computed,
     * each conditional on the balance it was computed from, with the audit record; one transaction.
     */
    async recordCount(
      input: {
        siteId: string;
        countId: string;
        countedAt: string;
        at: string;
        lines: { kitType: string; counted: number }[];
        adjustments: { kitType: string; correction: number; seen: { available: number; reserved: number } }[];
      },
      event: AuditEvent,
    ): Promise<void> {
      const items: TransactItem[] = [
        {
          Put: {
            TableName: registryTable,
            Item: {
              pk: stockPk(input.siteId),
              sk: countSk(input.countedAt, input.countId),
              countId: input.countId,
              countedAt: input.countedAt,
              lines: input.lines,
              recordedAt: input.at,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          },
        },
      ];
      for (const adjustment of input.adjustments) {
        items.push(
          adjustStock(
            registryTable,
            input.siteId,
            adjustment.kitType,
            adjustment.correction,
            adjustment.seen,
            input.at,
          ),
        );
        items.push(
          movementPut(
            registryTable,
            {
              siteId: input.siteId,
              type: 'COUNT_ADJUSTMENT',
              kitType: adjustment.kitType,
              quantity: adjustment.correction,
              at: input.at,
              reference: input.countId,
            },
            newId(),
          ),
        );
      }
      await transact(client, [...items, ...audit(event, input.at)]);
    },
  };
}

export type StockStore = ReturnType<typeof createStockStore>;
