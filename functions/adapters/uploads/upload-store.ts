import {
  type DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { COUNTER_OF, type RowOutcome } from '../../bulk-intake/row-outcome.ts';
import { asRecord } from '../registry/household-store.ts';
import { failedOnlyOnCondition } from '../registry/transaction-errors.ts';
import { rowSk, rowSkPrefix, uploadPk, uploadSk } from './keys.ts';
import type { RowRecord, UploadRecord, UploadStatus } from './records.ts';

/** What a file check found, written on the upload item. */
export type CheckedFile = Pick<
  UploadRecord,
  'versionId' | 'rowsTotal' | 'firstRow' | 'encoding' | 'delimiter' | 'hxlRow' | 'rejection'
>;

/** Storage of uploads and their row outcomes in the registry table. */
export interface UploadStore {
  /** Stores a new upload; false when one with this id exists already. */
  create(record: UploadRecord): Promise<boolean>;
  get(uploadId: string): Promise<UploadRecord | undefined>;
  /** Records the check of the file (PROCESSING, or REJECTED with the reason) and starts the counters. */
  markChecked(uploadId: string, status: UploadStatus, checked: CheckedFile, at: string): Promise<void>;
  /**
   * Records a row's outcome and moves the upload's counter in one transaction; a row recorded
   * already (a retried batch) changes nothing, so the counters never count a row twice.
   */
  recordRow(uploadId: string, rowNumber: number, outcome: RowOutcome, at: string): Promise<boolean>;
  /** Every recorded row, in row order. */
  listRows(uploadId: string): Promise<RowRecord[]>;
  finish(
    uploadId: string,
    status: UploadStatus,
    report: { reportKey: string; summaryKey: string },
    at: string,
  ): Promise<void>;
}

export function createUploadStore(client: DynamoDBDocumentClient, tableName: string): UploadStore {
  const key = (uploadId: string) => ({ pk: uploadPk(uploadId), sk: uploadSk });

  return {
    async create(record) {
      try {
        await client.send(
          new PutCommand({
            TableName: tableName,
            Item: { ...key(record.uploadId), ...record },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if ((error as Error).name === 'ConditionalCheckFailedException') return false;
        throw error;
      }
    },

    async get(uploadId) {
      const { Item } = await client.send(
        new GetCommand({ TableName: tableName, Key: key(uploadId), ConsistentRead: true }),
      );
      return Item ? asRecord<UploadRecord>(Item) : undefined;
    },

    async markChecked(uploadId, status, checked, at) {
      const values: Record<string, unknown> = { ':status': status, ':at': at, ':zero': 0 };
      // if_not_exists: a retried check must not reset counters that rows have already moved.
      const sets = ['#status = :status', 'updatedAt = :at'].concat(
        ['registered', 'duplicate', 'invalid'].map(
          (counter) => `${counter} = if_not_exists(${counter}, :zero)`,
        ),
      );
      for (const [name, value] of Object.entries(checked)) {
        if (value === undefined) continue;
        values[`:${name}`] = value;
        sets.push(`${name} = :${name}`);
      }
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(uploadId),
          UpdateExpression: `SET ${sets.join(', ')}`,
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: values,
        }),
      );
    },

    async recordRow(uploadId, rowNumber, outcome, at) {
      const counter = COUNTER_OF[outcome.status];
      try {
        await client.send(
          new TransactWriteCommand({
            TransactItems: [
              {
                Put: {
                  TableName: tableName,
                  Item: { pk: uploadPk(uploadId), sk: rowSk(rowNumber), rowNumber, ...outcome, at },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
              {
                Update: {
                  TableName: tableName,
                  Key: key(uploadId),
                  UpdateExpression: 'ADD #counter :one SET updatedAt = :at',
                  ExpressionAttributeNames: { '#counter': counter },
                  ExpressionAttributeValues: { ':one': 1, ':at': at },
                },
              },
            ],
          }),
        );
        return true;
      } catch (error) {
        if (failedOnlyOnCondition(error, 0)) return false;
        throw error;
      }
    },

    async listRows(uploadId) {
      const rows: RowRecord[] = [];
      let start: Record<string, unknown> | undefined;
      do {
        const page = await client.send(
          new QueryCommand({
            TableName: tableName,
            KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
            ExpressionAttributeValues: { ':pk': uploadPk(uploadId), ':prefix': rowSkPrefix },
            ProjectionExpression: 'rowNumber, #status, householdId, reasons',
            ExpressionAttributeNames: { '#status': 'status' },
            ConsistentRead: true,
            ExclusiveStartKey: start,
          }),
        );
        for (const item of page.Items ?? []) rows.push(item as RowRecord);
        start = page.LastEvaluatedKey;
      } while (start);
      return rows;
    },

    async finish(uploadId, status, report, at) {
      await client.send(
        new UpdateCommand({
          TableName: tableName,
          Key: key(uploadId),
          UpdateExpression:
            'SET #status = :status, reportKey = :report, summaryKey = :summary, updatedAt = :at',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':status': status,
            ':report': report.reportKey,
            ':summary': report.summaryKey,
            ':at': at,
          },
        }),
      );
    },
  };
}
