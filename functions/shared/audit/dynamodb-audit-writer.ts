import { type DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { ulid } from 'ulid';
import { requireEnv } from '../env.ts';
import { type AuditEvent, type AuditWriter, assertIdentifiersOnly } from './audit-event.ts';

/** A Put in a DynamoDB transaction, as lib-dynamodb takes it. */
export interface AuditPut {
  Put: {
    TableName: string;
    Item: Record<string, unknown>;
    ConditionExpression: string;
  };
}

export interface AuditStamp {
  eventId: string;
  at: string;
}

/**
 * The items of one audit record: one under the entity (its history) and one under the day
 * (what happened when), both conditional so an existing record is never overwritten.
 * Exposed so a handler can put them in the same transaction as the change they record.
 */
export function auditPuts(event: AuditEvent, tableName: string, stamp: AuditStamp): AuditPut[] {
  assertIdentifiersOnly(event);
  const sk = `${stamp.at}#${stamp.eventId}`;
  const record = { ...event, eventId: stamp.eventId, at: stamp.at };
  const put = (pk: string): AuditPut => ({
    Put: {
      TableName: tableName,
      Item: { pk, sk, ...record },
      ConditionExpression: 'attribute_not_exists(pk)',
    },
  });
  return [put(`ENTITY#${event.entityType}#${event.entityId}`), put(`DAY#${stamp.at.slice(0, 10)}`)];
}

export interface DynamoDbAuditWriterOptions {
  client: DynamoDBDocumentClient;
  /** Defaults to AUDIT_TABLE. */
  tableName?: string;
  now?: () => Date;
  newId?: () => string;
}

/** Audit writer on the AUDIT_TABLE (pk/sk), append-only. */
export function dynamoDbAuditWriter(options: DynamoDbAuditWriterOptions): AuditWriter {
  const now = options.now ?? (() => new Date());
  const newId = options.newId ?? ulid;
  return {
    async record(event) {
      const tableName = options.tableName ?? requireEnv('AUDIT_TABLE');
      const stamp = { eventId: newId(), at: now().toISOString() };
      await options.client.send(
        new TransactWriteCommand({ TransactItems: auditPuts(event, tableName, stamp) }),
      );
    },
  };
}
