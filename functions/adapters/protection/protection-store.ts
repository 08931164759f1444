import {
  type DynamoDBDocumentClient,
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
} from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import type { AuditEvent } from '#shared/audit/audit-event.ts';
import { auditPuts } from '#shared/audit/dynamodb-audit-writer.ts';
import { requireEnv } from '#shared/env.ts';
import {
  caseIndex,
  caseKey,
  followUpSk,
  identityKey,
  inboxIndex,
  referralInboxKey,
  referralIndex,
  referralKey,
} from './keys.ts';
import type { CaseRecord, FollowUpRecord, IdentityRecord, ReferralRecord } from './records.ts';

type Key = { pk: string; sk: string };

/** A change to one item, written with others (and their audit records) in one transaction. */
export type Change =
  | { kind: 'put'; item: Record<string, unknown>; ifAbsent?: boolean }
  | {
      kind: 'update';
      key: Key;
      set: Record<string, unknown>;
      /** Condition on current values, e.g. `{ status: 'OPEN' }` (all must hold). */
      expect?: Record<string, unknown>;
    };

/** Thrown when an `expect` of a change no longer holds (someone else moved first). */
export class ProtectionConflictError extends Error {
  constructor(options: { cause?: unknown } = {}) {
    super('A protection item changed concurrently', options);
    this.name = 'ProtectionConflictError';
  }
}

/** Item builders: the stored shape is the record plus its keys. */
export const caseItem = (record: CaseRecord) => ({
  ...caseKey(record.caseId),
  ...caseIndex(record.openedAt, record.caseId),
  ...record,
});
export const identityItem = (caseId: string, identity: IdentityRecord) => ({
  ...identityKey(caseId),
  ...identity,
});
export const referralItem = (record: ReferralRecord) => ({
  ...referralKey(record.referralId),
  ...referralIndex(record.caseId, record.referralId),
  ...record,
});
/** The referral's entry in its partner's inbox; moved by a reassignment (`inboxMove`). */
export const referralInboxItem = (record: Pick<ReferralRecord, 'referralId' | 'partnerId'>) => ({
  ...referralInboxKey(record.referralId),
  ...inboxIndex(record.partnerId, record.referralId),
  referralId: record.referralId,
  partnerId: record.partnerId,
});
/** The change that moves a referral's inbox entry to another partner (put: also indexes older referrals). */
export const inboxMove = (referralId: string, partnerId: string): Change => ({
  kind: 'put',
  item: referralInboxItem({ referralId, partnerId }),
});
export const followUpItem = (record: FollowUpRecord) => ({
  pk: caseKey(record.caseId).pk,
  sk: followUpSk(record.recordedAt, record.followUpId),
  ...record,
});

const strip = <T>(item: Record<string, unknown> | undefined): T | undefined => {
  if (!item) return undefined;
  const { pk: _pk, sk: _sk, gsi1pk: _g1, gsi1sk: _g2, ...record } = item;
  return record as T;
};

export interface ProtectionStoreOptions {
  client: DynamoDBDocumentClient;
  now?: () => Date;
  newId?: () => string;
}

/**
 * The GBV case file in the PROTECTION table (own KMS key, readable only by roles under the
 * /protection/ IAM path). Every write goes with its audit records in one transaction, so a
 * change is never made without its trace.
 */
export function protectionStore(options: ProtectionStoreOptions) {
  const { client } = options;
  const table = () => requireEnv('PROTECTION_TABLE');
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? ulid;

  const get = async <T>(key: Key): Promise<T | undefined> => {
    const { Item } = await client.send(
      new GetCommand({ TableName: table(), Key: key, ConsistentRead: true }),
    );
    return strip<T>(Item);
  };

  const toTransactItem = (change: Change) => {
    if (change.kind === 'put') {
      return {
        Put: {
          TableName: table(),
          Item: change.item,
          ...(change.ifAbsent ? { ConditionExpression: 'attribute_not_exists(pk)' } : {}),
        },
      };
    }
    const names: Record<string, string> = {};
    const values: Record<string, unknown> = {};
    const sets = Object.entries(change.set).map(([field, value], index) => {
      names[`#s${index}`] = field;
      values[`:s${index}`] = value;
      return `#s${index} = :s${index}`;
    });
    const conditions = Object.entries(change.expect ?? {}).map(([field, value], index) => {
      names[`#c${index}`] = field;
      values[`:c${index}`] = value;
      return `#c${index} = :c${index}`;
    });
    return {
      Update: {
        TableName: table(),
        Key: change.key,
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: ['attribute_exists(pk)', ...conditions].join(' AND '),
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      },
    };
  };

  return {
    getCase: (caseId: string) => get<CaseRecord>(caseKey(caseId)),
    getIdentity: (caseId: string) => get<IdentityRecord>(identityKey(caseId)),
    getReferral: (referralId: string) => get<ReferralRecord>(referralKey(referralId)),

    async referralsOf(caseId: string): Promise<ReferralRecord[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'GSI1',
          KeyConditionExpression: 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':prefix': 'REFERRAL#' },
        }),
      );
      return Items.map((item) => strip<ReferralRecord>(item)!);
    },

    /**
     * One page of the referral ids sent to a partner, newest first. `before` is the last id of
     * the previous page; `next` is set when more may follow.
     */
    async referralIdsTo(
      partnerId: string,
      page: { limit: number; before?: string },
    ): Promise<{ referralIds: string[]; next?: string }> {
      const index = inboxIndex(partnerId, page.before ?? '');
      const { Items = [], LastEvaluatedKey } = await client.send(
        new QueryCommand({
          TableName: table(),
          IndexName: 'GSI1',
          KeyConditionExpression: page.before
            ? 'gsi1pk = :pk AND gsi1sk < :before'
            : 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)',
          ExpressionAttributeValues: page.before
            ? { ':pk': index.gsi1pk, ':before': index.gsi1sk }
            : { ':pk': index.gsi1pk, ':prefix': 'REFERRAL#' },
          ScanIndexForward: false,
          Limit: page.limit,
        }),
      );
      const referralIds = Items.map((item) => String(item.referralId));
      const last = referralIds.at(-1);
      return LastEvaluatedKey && last ? { referralIds, next: last } : { referralIds };
    },

    async followUpsOf(caseId: string): Promise<FollowUpRecord[]> {
      const { Items = [] } = await client.send(
        new QueryCommand({
          TableName: table(),
          KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
          ExpressionAttributeValues: { ':pk': `CASE#${caseId}`, ':prefix': 'FOLLOWUP#' },
          ConsistentRead: true,
        }),
      );
      return Items.map((item) => strip<FollowUpRecord>(item)!);
    },

    /** Every case, oldest first (statistics; the GSI projects all attributes). */
    async allCases(): Promise<CaseRecord[]> {
      const cases: CaseRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: table(),
            IndexName: 'GSI1',
            KeyConditionExpression: 'gsi1pk = :pk',
            ExpressionAttributeValues: { ':pk': 'CASES' },
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) cases.push(strip<CaseRecord>(item)!);
        start = page.LastEvaluatedKey;
      } while (start);
      return cases;
    },

    /** Writes the changes and the audit records of what they do, all or nothing. */
    async write(changes: readonly Change[], audit: readonly AuditEvent[]): Promise<void> {
      const at = now().toISOString();
      const auditTable = requireEnv('AUDIT_TABLE');
      const items = [
        ...changes.map(toTransactItem),
        ...audit.flatMap((event) => auditPuts(event, auditTable, { eventId: newId(), at })),
      ];
      try {
        await client.send(new TransactWriteCommand({ TransactItems: items }));
      } catch (error) {
        if (error instanceof Error && error.name === 'TransactionCanceledException')
          throw new ProtectionConflictError({ cause: error });
        throw error;
      }
    },
  };
}

export type ProtectionStore = ReturnType<typeof protectionStore>;
