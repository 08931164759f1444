import {
  DeleteCommand,
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { decodeCursor, encodeCursor } from './cursor.ts';
import {
  blockingGsi2pk,
  guardSk,
  householdGsi1sk,
  householdGsi2sk,
  householdPk,
  identityGuardPk,
  koboGuardPk,
  profileSk,
  siteGsi1pk,
  statusGsi1skPrefix,
} from './keys.ts';
import type { DedupeResult, HouseholdRecord, HouseholdStatus, Page } from './records.ts';
import { failedOnlyOnCondition, isConditionFailed } from './transaction-errors.ts';

/** What a failed workflow execution leaves on a household. */
export type HouseholdFailure = Required<NonNullable<HouseholdRecord['failure']>>;

/** Outcome of claiming an identity fingerprint. */
export type IdentityClaim = { claimed: true } | { claimed: false; ownerHouseholdId: string };

/** Storage of household profiles and their uniqueness guards in the registry table. */
export interface HouseholdStore {
  /**
   * Stores a new household (`RECEIVED`). A Kobo household also claims its submission guard in the
   * same transaction; when the submission was already stored, nothing is written and the id of
   * the household it created is returned instead.
   */
  create(record: HouseholdRecord): Promise<{ created: true } | { created: false; householdId: string }>;
  get(householdId: string): Promise<HouseholdRecord | undefined>;
  /** Takes back a household still RECEIVED (its workflow could not be started). */
  withdraw(householdId: string): Promise<void>;
  /**
   * Registers a `RECEIVED` household under its identity fingerprint: the status change and the
   * guard item are one transaction, so two households can never hold the same identity.
   */
  claimIdentity(
    record: HouseholdRecord,
    claim: {
      fingerprint: string;
      blockingKey: string;
      dedupe: DedupeResult;
      status: HouseholdStatus;
      at: string;
    },
  ): Promise<IdentityClaim>;
  /** Marks a `RECEIVED` household as an exact repeat of another, without registering it. */
  markDuplicate(record: HouseholdRecord, originalHouseholdId: string, at: string): Promise<void>;
  /**
   * Marks a registered household as a duplicate after a supervisor's review, and takes it out of the
   * near-match index so it is never proposed as a candidate again.
   */
  linkAsDuplicate(record: HouseholdRecord, originalHouseholdId: string, at: string): Promise<void>;
  /** Registered households sharing a blocking key (near-match candidates). */
  findByBlockingKey(blockingKey: string): Promise<HouseholdRecord[]>;
  /** Moves an existing household to another status (and its place in the listing index). */
  setStatus(record: HouseholdRecord, status: HouseholdStatus, at: string): Promise<void>;
  /**
   * Puts back the status (and listing key) a FAILED household had when its workflow step failed,
   * so a restarted intake resumes where it stopped. Undefined when the household is not FAILED
   * with a status to restore (another restart got there first, or nothing was kept).
   */
  clearFailure(householdId: string, at: string): Promise<HouseholdRecord | undefined>;
  /**
   * Marks a household FAILED with the failure of a workflow execution, keeping the status (and
   * listing key) it had for {@link clearFailure}. False when there is no such household, or when
   * it already carries this very failure (the event came twice).
   */
  markFailed(householdId: string, failure: HouseholdFailure): Promise<boolean>;
  /** Households of a site, optionally of one status and of one partner organisation. */
  listBySite(query: {
    site: string;
    status?: string | undefined;
    partnerId?: string | undefined;
    limit: number;
    cursor?: string | undefined;
  }): Promise<Page<HouseholdRecord>>;
}

const stripKeys = <T>(item: Record<string, unknown>): T => {
  const { pk: _pk, sk: _sk, gsi1pk: _g1p, gsi1sk: _g1s, gsi2pk: _g2p, gsi2sk: _g2s, ...rest } = item;
  return rest as T;
};

/** Reads an item back as a record, dropping the table's key attributes. */
export const asRecord = <T>(item: Record<string, unknown>): T => stripKeys<T>(item);

export function createHouseholdStore(client: DynamoDBDocumentClient, tableName: string): HouseholdStore {
  const profileKey = (householdId: string) => ({ pk: householdPk(householdId), sk: profileSk });

  const profileItem = (record: HouseholdRecord) => ({
    pk: householdPk(record.householdId),
    sk: profileSk,
    gsi1pk: siteGsi1pk(record.location.site),
    gsi1sk: householdGsi1sk(record.status, record.createdAt, record.householdId),
    ...record,
  });

  const statusUpdate = (record: HouseholdRecord, status: HouseholdStatus, at: string) => ({
    expression: '#status = :status, gsi1sk = :gsi1sk, updatedAt = :at',
    names: { '#status': 'status' },
    values: {
      ':status': status,
      ':gsi1sk': householdGsi1sk(status, record.createdAt, record.householdId),
      ':at': at,
    },
  });

  return {
    async create(record) {
      if (record.source.channel === 'api') {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: profileItem(record),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return { created: true };
      }
      const guardKey = { pk: koboGuardPk(record.source.submissionUuid), sk: guardSk };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: profileItem(record),
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...guardKey, householdId: record.householdId, createdAt: record.createdAt },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { created: true };
      } catch (error) {
        if (!failedOnlyOnCondition(error, 1)) throw error;
        const guard = await client.send(
          new GetCommand({ TableName: tableName, Key: guardKey, ConsistentRead: true }),
        );
        const householdId = guard.Item?.['householdId'];
        if (typeof householdId !== 'string') throw error;
        return { created: false, householdId };
      }
    },

    async get(householdId) {
      const result = await client.send(
        new GetCommand({ TableName: tableName, Key: profileKey(householdId), ConsistentRead: true }),
      );
      return result.Item ? asRecord<HouseholdRecord>(result.Item) : undefined;
    },

    async withdraw(householdId) {
      await client.send(
        new DeleteCommand({
          TableName: tableName,
          Key: profileKey(householdId),
          ConditionExpression: '#status = :received',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':received': 'RECEIVED' },
        }),
      );
    },

    async claimIdentity(record, claim) {
      const update = statusUpdate(record, claim.status, claim.at);
      const guardKey = { pk: identityGuardPk(claim.fingerprint), sk: guardSk };
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Update: {
                  TableName: tableName,
                  Key: profileKey(record.householdId),
                  UpdateExpression: `SET ${update.expression}, fingerprint = :fingerprint, dedupe = :dedupe, gsi2pk = :gsi2pk, gsi2sk = :gsi2sk`,
                  ConditionExpression: '#status = :received',
                  ExpressionAttributeNames: update.names,
                  ExpressionAttributeValues: {
                    ...update.values,
                    ':received': 'RECEIVED',
                    ':fingerprint': claim.fingerprint,
                    ':dedupe': claim.dedupe,
                    ':gsi2pk': blockingGsi2pk(claim.blockingKey),
                    ':gsi2sk': householdGsi2sk(record.householdId),
                  },
                },
              },
              {
                Put: {
                  TableName: tableName,
                  Item: { ...guardKey, householdId: record.householdId, createdAt: claim.at },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ],
          }),
        );
        return { claimed: true };
      } catch (error) {
        if (!failedOnlyOnCondition(error, 1)) throw error;
        const guard = await client.send(
          new GetCommand({ TableName: tableName, Key: guardKey, ConsistentRead: true }),
        );
        const owner = guard.Item?.['householdId'];
        if (typeof owner !== 'string') throw error;
        return { claimed: false, ownerHouseholdId: owner };
      }
    },

    async markDuplicate(record, originalHouseholdId, at) {
      const update = statusUpdate(record, 'DUPLICATE', at);
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: profileKey(record.householdId),
          UpdateExpression: `SET ${update.expression}, duplicateOf = :original, dedupe = :dedupe`,
          ConditionExpression: '#status = :received',
          ExpressionAttributeNames: update.names,
          ExpressionAttributeValues: {
            ...update.values,
            ':received': 'RECEIVED',
            ':original': originalHouseholdId,
            ':dedupe': { outcome: 'DUPLICATE', matchHouseholdId: originalHouseholdId } satisfies DedupeResult,
          },
        }),
      );
    },

    async linkAsDuplicate(record, originalHouseholdId, at) {
      const update = statusUpdate(record, 'DUPLICATE', at);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(record.householdId),
            UpdateExpression: `SET ${update.expression}, duplicateOf = :original REMOVE gsi2pk, gsi2sk`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: update.names,
            ExpressionAttributeValues: { ...update.values, ':original': originalHouseholdId },
          }),
        );
      } catch (error) {
        if (isConditionFailed(error)) throw new HouseholdMissingError(record.householdId, { cause: error });
        throw error;
      }
    },

    async findByBlockingKey(blockingKey) {
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI2',
          KeyConditionExpression: 'gsi2pk = :pk',
          ExpressionAttributeValues: { ':pk': blockingGsi2pk(blockingKey) },
          // A blocking key is narrow (site, sex, birth-year band); a hundred candidates is plenty.
          Limit: 100,
        }),
      );
      return (result.Items ?? []).map((item) => asRecord<HouseholdRecord>(item));
    },

    async setStatus(record, status, at) {
      const update = statusUpdate(record, status, at);
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(record.householdId),
            UpdateExpression: `SET ${update.expression}`,
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: update.names,
            ExpressionAttributeValues: update.values,
          }),
        );
      } catch (error) {
        if (isConditionFailed(error)) throw new HouseholdMissingError(record.householdId, { cause: error });
        throw error;
      }
    },

    async clearFailure(householdId, at) {
      try {
        const result = await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(householdId),
            UpdateExpression:
              'SET #status = statusBeforeFailure, gsi1sk = gsi1skBeforeFailure, updatedAt = :at REMOVE statusBeforeFailure, gsi1skBeforeFailure, failure',
            ConditionExpression: '#status = :failed AND attribute_exists(statusBeforeFailure)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':failed': 'FAILED', ':at': at },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return result.Attributes ? asRecord<HouseholdRecord>(result.Attributes) : undefined;
      } catch (error) {
        if (isConditionFailed(error)) return undefined;
        throw error;
      }
    },

    async markFailed(householdId, failure) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: profileKey(householdId), ConsistentRead: true }),
      );
      if (!Item) return false;
      const record = asRecord<HouseholdRecord>(Item);
      const marked = record.failure;
      if (
        record.status === 'FAILED' &&
        marked?.executionArn === failure.executionArn &&
        marked.at === failure.at
      )
        return false;
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: profileKey(householdId),
            // A second failure before any redrive keeps the status the first one interrupted.
            UpdateExpression:
              'SET statusBeforeFailure = if_not_exists(statusBeforeFailure, #status), gsi1skBeforeFailure = if_not_exists(gsi1skBeforeFailure, :gsi1skBefore), #status = :failed, gsi1sk = :gsi1sk, failure = :failure, updatedAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':failed': 'FAILED',
              // The listing key it had (an item written without one gets the key of its status).
              ':gsi1skBefore':
                typeof Item['gsi1sk'] === 'string'
                  ? Item['gsi1sk']
                  : householdGsi1sk(record.status, record.createdAt, householdId),
              ':gsi1sk': householdGsi1sk('FAILED', record.createdAt, householdId),
              ':failure': failure,
              ':at': failure.at,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailed(error)) return false;
        throw error;
      }
    },

    async listBySite({ site, status, partnerId, limit, cursor }) {
      const startKey = decodeCursor(cursor);
      const result = await client.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: 'GSI1',
          KeyConditionExpression: status ? 'gsi1pk = :pk AND begins_with(gsi1sk, :prefix)' : 'gsi1pk = :pk',
          ExpressionAttributeValues: {
            ':pk': siteGsi1pk(site),
            ...(status ? { ':prefix': statusGsi1skPrefix(status) } : {}),
            ...(partnerId ? { ':partnerId': partnerId } : {}),
          },
          // Filtered after the read: a partner's page can be shorter than the limit, never wider.
          ...(partnerId ? { FilterExpression: 'partnerId = :partnerId' } : {}),
          Limit: limit,
          ...(startKey ? { ExclusiveStartKey: startKey } : {}),
        }),
      );
      return {
        items: (result.Items ?? []).map((item) => asRecord<HouseholdRecord>(item)),
        nextCursor: encodeCursor(result.LastEvaluatedKey),
      };
    },
  };
}

/** The household a workflow step was started for does not exist (anymore). */
export class HouseholdMissingError extends Error {
  readonly householdId: string;
  constructor(householdId: string, options?: { cause?: unknown }) {
    super(`Household ${householdId} does not exist`, options);
    this.name = 'HouseholdMissingError';
    this.householdId = householdId;
  }
}
