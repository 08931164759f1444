import { GetCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { KitLine } from '#domain/kits/entitlement.ts';
import type { MovementType } from '#domain/stock/stock-movement.ts';
import type { AuditEvent } from '#shared/audit/audit-event.ts';
import { auditPuts } from '#shared/audit/dynamodb-audit-writer.ts';
import { isConditionFailed } from '../registry/transaction-errors.ts';
import {
  allocationKey,
  parseAllocationId,
  roundGsi1pk,
  roundGsi1sk,
  voucherKey,
  waitlistPk,
  waitlistSk,
} from './keys.ts';
import type {
  AllocationRecord,
  AllocationRequest,
  AllocationStatus,
  Collector,
  VoucherRecord,
  WaitlistEntry,
} from './records.ts';
import { movementPut, reserveStock, settleStock } from './stock-items.ts';
import type { KitStoreOptions } from './stock-store.ts';
import { type TransactItem, TransactionRefusedError, transact } from './transact.ts';

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1p, gsi1sk: _g1s, ...rest } = item;
  return rest as T;
};

/** How a settlement closes an allocation, and what the person at the site reported. */
export interface SettlementInput {
  status: Exclude<AllocationStatus, 'WAITLISTED' | 'RESERVED'>;
  issue: KitLine[];
  release: KitLine[];
  /** Required for a confirmation: the voucher presented, which becomes USED in the same transaction. */
  voucherCode?: string | undefined;
  collector?: Collector | undefined;
  proofDocumentKey?: string | undefined;
  reason?: string | undefined;
}

/**
 * Allocations, their waitlist entries and vouchers in the registry table. Every change that moves
 * stock is one transaction: the conditional stock updates, the allocation's status change (itself
 * conditional on the status it leaves), the ledger movements and the audit record.
 */
export function createAllocationStore({ client, registryTable, auditTable, newId }: KitStoreOptions) {
  const audit = (event: AuditEvent, at: string) => auditPuts(event, auditTable(), { eventId: newId(), at });

  const movements = (
    siteId: string,
    type: MovementType,
    lines: readonly KitLine[],
    at: string,
    allocationId: string,
  ): TransactItem[] =>
    lines.map((line) =>
      movementPut(registryTable, { siteId, type, ...line, at, reference: allocationId }, newId()),
    );

  const statusUpdate = (
    allocation: Pick<AllocationRecord, 'householdId' | 'round'>,
    from: AllocationStatus,
    to: AllocationStatus,
    at: string,
    extra: Record<string, unknown> = {},
    extraCondition = '',
  ): TransactItem => {
    const names: Record<string, string> = { '#status': 'status' };
    const values: Record<string, unknown> = {
      ':from': from,
      ':to': to,
      ':at': at,
      ':gsi1sk': roundGsi1sk(to, allocation.householdId),
    };
    const sets = ['#status = :to', 'updatedAt = :at', 'gsi1sk = :gsi1sk'];
    for (const [field, value] of Object.entries(extra)) {
      if (value === undefined) continue;
      names[`#${field}`] = field;
      values[`:${field}`] = value;
      sets.push(`#${field} = :${field}`);
    }
    return {
      Update: {
        TableName: registryTable,
        Key: allocationKey(allocation.householdId, allocation.round),
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: `#status = :from${extraCondition}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  };

  const newAllocation = (request: AllocationRequest, status: AllocationStatus, at: string): TransactItem => ({
    Put: {
      TableName: registryTable,
      Item: {
        ...allocationKey(request.householdId, request.round),
        gsi1pk: roundGsi1pk(request.siteId, request.round),
        gsi1sk: roundGsi1sk(status, request.householdId),
        ...request,
        status,
        createdAt: at,
        updatedAt: at,
        ...(status === 'RESERVED' ? { reservedAt: at } : {}),
      },
      // Idempotent per household and round: a second dispatch for the round finds the first.
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });

  return {
    async get(allocationId: string): Promise<AllocationRecord | undefined> {
      const ids = parseAllocationId(allocationId);
      if (!ids) return undefined;
      const { Item } = await client.send(
        new GetCommand({
          TableName: registryTable,
          Key: allocationKey(ids.householdId, ids.round),
          ConsistentRead: true,
        }),
      );
      return Item ? stripKeys<AllocationRecord>(Item) : undefined;
    },

    /**
     * Reserves every line at once, or nothing: OUT_OF_STOCK when any kit is short, EXISTS when the
     * household already has an allocation for the round.
     */
    async reserve(
      request: AllocationRequest,
      at: string,
      event: AuditEvent,
    ): Promise<'RESERVED' | 'OUT_OF_STOCK' | 'EXISTS'> {
      const stock = request.lines.map((line) => reserveStock(registryTable, request.siteId, line, at));
      const allocationIndex = stock.length;
      try {
        await transact(client, [
          ...stock,
          newAllocation(request, 'RESERVED', at),
          ...movements(request.siteId, 'RESERVATION', request.lines, at, request.allocationId),
          ...audit(event, at),
        ]);
        return 'RESERVED';
      } catch (error) {
        if (!(error instanceof TransactionRefusedError)) throw error;
        return error.failedIndexes.includes(allocationIndex) ? 'EXISTS' : 'OUT_OF_STOCK';
      }
    },

    /** Puts the allocation on its site's waitlist, with the token of the step that waits for stock. */
    async waitlist(
      request: AllocationRequest,
      taskToken: string,
      at: string,
      event: AuditEvent,
    ): Promise<'WAITLISTED' | 'EXISTS'> {
      const entry: WaitlistEntry = {
        allocationId: request.allocationId,
        householdId: request.householdId,
        round: request.round,
        siteId: request.siteId,
        registeredAt: request.registeredAt,
        lines: request.lines,
        taskToken,
      };
      try {
        await transact(client, [
          newAllocation(request, 'WAITLISTED', at),
          {
            Put: {
              TableName: registryTable,
              Item: {
                pk: waitlistPk(request.siteId),
                sk: waitlistSk(request.registeredAt, request.allocationId),
                ...entry,
              },
            },
          },
          ...audit(event, at),
        ]);
        return 'WAITLISTED';
      } catch (error) {
        if (error instanceof TransactionRefusedError) return 'EXISTS';
        throw error;
      }
    },

    /** A retried wait stores its new token; false when the entry left the waitlist meanwhile. */
    async refreshWaitlistToken(allocation: AllocationRecord, taskToken: string): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: registryTable,
            Key: {
              pk: waitlistPk(allocation.siteId),
              sk: waitlistSk(allocation.registeredAt, allocation.allocationId),
            },
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':token': taskToken },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** The waitlist of a site, in registration order. */
    async waiting(siteId: string): Promise<WaitlistEntry[]> {
      const entries: WaitlistEntry[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: registryTable,
            KeyConditionExpression: 'pk = :pk',
            ExpressionAttributeValues: { ':pk': waitlistPk(siteId) },
            ConsistentRead: true,
            ExclusiveStartKey,
          }),
        );
        entries.push(...(page.Items ?? []).map((item) => stripKeys<WaitlistEntry>(item)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return entries;
    },

    /**
     * Serves a waitlisted allocation: stock reserved, status RESERVED, waitlist entry removed, in
     * one transaction. GONE when another request served or expired it first.
     */
    async serveFromWaitlist(
      entry: WaitlistEntry,
      at: string,
      event: AuditEvent,
    ): Promise<'RESERVED' | 'OUT_OF_STOCK' | 'GONE'> {
      const stock = entry.lines.map((line) => reserveStock(registryTable, entry.siteId, line, at));
      try {
        await transact(client, [
          ...stock,
          statusUpdate(entry, 'WAITLISTED', 'RESERVED', at, { reservedAt: at }),
          {
            Delete: {
              TableName: registryTable,
              Key: { pk: waitlistPk(entry.siteId), sk: waitlistSk(entry.registeredAt, entry.allocationId) },
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          ...movements(entry.siteId, 'RESERVATION', entry.lines, at, entry.allocationId),
          ...audit(event, at),
        ]);
        return 'RESERVED';
      } catch (error) {
        if (!(error instanceof TransactionRefusedError)) throw error;
        return error.failedIndexes.some((index) => index >= stock.length) ? 'GONE' : 'OUT_OF_STOCK';
      }
    },

    /** Takes a waitlisted allocation off the waitlist as EXPIRED; false if it was no longer waiting. */
    async expireWaitlisted(allocation: AllocationRecord, at: string, event: AuditEvent): Promise<boolean> {
      try {
        await transact(client, [
          statusUpdate(allocation, 'WAITLISTED', 'EXPIRED', at, { settledAt: at }),
          {
            Delete: {
              TableName: registryTable,
              Key: {
                pk: waitlistPk(allocation.siteId),
                sk: waitlistSk(allocation.registeredAt, allocation.allocationId),
              },
            },
          },
          ...audit(event, at),
        ]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefusedError) return false;
        throw error;
      }
    },

    /**
     * Settles a RESERVED allocation: issued kits leave the site, the rest go back to available, and
     * the voucher becomes USED (a confirmation) or EXPIRED (a timeout). False when the allocation
     * was no longer RESERVED (or, for a confirmation, the voucher no longer ISSUED).
     */
    async settle(
      allocation: AllocationRecord,
      settlement: SettlementInput,
      at: string,
      event: AuditEvent,
    ): Promise<boolean> {
      const { siteId, allocationId } = allocation;
      const items: TransactItem[] = [
        statusUpdate(allocation, 'RESERVED', settlement.status, at, {
          issued: settlement.issue,
          released: settlement.release,
          settledAt: at,
          collector: settlement.collector,
          proofDocumentKey: settlement.proofDocumentKey,
          reason: settlement.reason,
        }),
      ];
      const code = settlement.voucherCode ?? allocation.voucherCode;
      if (code !== undefined) {
        items.push({
          Update: {
            TableName: registryTable,
            Key: voucherKey(code),
            UpdateExpression: 'SET #status = :to, updatedAt = :at REMOVE taskToken',
            ConditionExpression: '#status = :issued AND allocationId = :allocationId',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':to': settlement.voucherCode ? 'USED' : 'EXPIRED',
              ':issued': 'ISSUED',
              ':allocationId': allocationId,
              ':at': at,
            },
          },
        });
      }
      for (const line of settlement.issue)
        items.push(settleStock(registryTable, siteId, line, 'distributed', at));
      for (const line of settlement.release)
        items.push(settleStock(registryTable, siteId, line, 'available', at));
      items.push(...movements(siteId, 'ISSUE', settlement.issue, at, allocationId));
      items.push(...movements(siteId, 'RELEASE', settlement.release, at, allocationId));
      try {
        await transact(client, [...items, ...audit(event, at)]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefusedError) return false;
        throw error;
      }
    },

    /**
     * Gives a RESERVED allocation its voucher: the voucher item (whose key is the code, so a code
     * can never be issued twice) and the allocation's reference to it. CODE_TAKEN asks for another
     * code; ALREADY means the allocation has one (a retried step) or is no longer RESERVED.
     */
    async attachVoucher(
      allocation: AllocationRecord,
      voucher: { code: string; qrKey: string },
      at: string,
      event: AuditEvent,
    ): Promise<'ISSUED' | 'CODE_TAKEN' | 'ALREADY'> {
      const record: VoucherRecord = {
        code: voucher.code,
        allocationId: allocation.allocationId,
        householdId: allocation.householdId,
        round: allocation.round,
        siteId: allocation.siteId,
        status: 'ISSUED',
        issuedAt: at,
      };
      try {
        await transact(client, [
          {
            Put: {
              TableName: registryTable,
              Item: { ...voucherKey(voucher.code), ...record },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: registryTable,
              Key: allocationKey(allocation.householdId, allocation.round),
              UpdateExpression: 'SET voucherCode = :code, voucherQrKey = :qrKey, updatedAt = :at',
              ConditionExpression: '#status = :reserved AND attribute_not_exists(voucherCode)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':code': voucher.code,
                ':qrKey': voucher.qrKey,
                ':reserved': 'RESERVED',
                ':at': at,
              },
            },
          },
          ...audit(event, at),
        ]);
        return 'ISSUED';
      } catch (error) {
        if (!(error instanceof TransactionRefusedError)) throw error;
        return error.failedIndexes.includes(0) ? 'CODE_TAKEN' : 'ALREADY';
      }
    },

    async getVoucher(code: string): Promise<VoucherRecord | undefined> {
      const { Item } = await client.send(
        new GetCommand({ TableName: registryTable, Key: voucherKey(code), ConsistentRead: true }),
      );
      return Item ? stripKeys<VoucherRecord>(Item) : undefined;
    },

    /** Stores the token of the step waiting for confirmation; false once the voucher is not ISSUED. */
    async storeVoucherToken(code: string, taskToken: string): Promise<boolean> {
      try {
        await client.send(
          new UpdateCommand({
            TableName: registryTable,
            Key: voucherKey(code),
            UpdateExpression: 'SET taskToken = :token',
            ConditionExpression: '#status = :issued',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':token': taskToken, ':issued': 'ISSUED' },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    /** Allocations of a site and round (optionally of one status), by household. */
    async listRound(siteId: string, round: string, status?: AllocationStatus): Promise<AllocationRecord[]> {
      const records: AllocationRecord[] = [];
      let ExclusiveStartKey: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: registryTable,
            IndexName: 'GSI1',
            KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :status)' : 'gsi1pk = :pk',
            ExpressionAttributeValues: {
              ':pk': roundGsi1pk(siteId, round),
              ...(status ? { ':status': `${status}#` } : {}),
            },
            ExclusiveStartKey,
          }),
        );
        records.push(...(page.Items ?? []).map((item) => stripKeys<AllocationRecord>(item)));
        ExclusiveStartKey = page.LastEvaluatedKey;
      } while (ExclusiveStartKey);
      return records;
    },

    /** Records a verification call's outcome on a distributed allocation; false if it was not. */
    async recordVerification(
      allocation: AllocationRecord,
      verification: NonNullable<AllocationRecord['verification']>,
      at: string,
      event: AuditEvent,
    ): Promise<boolean> {
      try {
        await transact(client, [
          {
            Update: {
              TableName: registryTable,
              Key: allocationKey(allocation.householdId, allocation.round),
              UpdateExpression: 'SET verification = :verification, updatedAt = :at',
              ConditionExpression: '#status IN (:distributed, :partial)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':verification': verification,
                ':at': at,
                ':distributed': 'DISTRIBUTED',
                ':partial': 'PARTIAL',
              },
            },
          },
          ...audit(event, at),
        ]);
        return true;
      } catch (error) {
        if (error instanceof TransactionRefusedError) return false;
        throw error;
      }
    },
  };
}

export type AllocationStore = ReturnType<typeof createAllocationStore>;
