import { type DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { requireEnv } from '../env.ts';
import { ValidationError } from '../errors/http-errors.ts';
import type { AuditEvent } from './audit-event.ts';

/** A stored audit record: the event, its id and time. */
export type AuditRecord = AuditEvent & { eventId: string; at: string };

export interface AuditPage {
  items: AuditRecord[];
  nextCursor?: string;
}

export interface AuditQuery {
  limit?: number;
  cursor?: string;
}

/** Reads the trail the writer appends: an entity's history, or what happened on a day. */
export interface AuditReader {
  byEntity(entityType: string, entityId: string, query?: AuditQuery): Promise<AuditPage>;
  byDay(day: string, query?: AuditQuery): Promise<AuditPage>;
}

const invalidCursor = () =>
  new ValidationError({
    code: 'INVALID_CURSOR',
    message: { fr: 'Curseur de pagination invalide.', en: 'Invalid pagination cursor.' },
  });

/** The cursor must point into the partition being read, or DynamoDB would answer a 500. */
function startKey(cursor: string | undefined, pk: string): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  let key: unknown;
  try {
    key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw invalidCursor();
  }
  const { pk: cursorPk, sk } = (key ?? {}) as { pk?: unknown; sk?: unknown };
  if (cursorPk !== pk || typeof sk !== 'string' || Object.keys(key as object).length !== 2)
    throw invalidCursor();
  return { pk, sk };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** Audit reader on AUDIT_TABLE; newest first, at most 100 a page. */
export function dynamoDbAuditReader(options: {
  client: DynamoDBDocumentClient;
  tableName?: string;
}): AuditReader {
  async function read(pk: string, query: AuditQuery = {}): Promise<AuditPage> {
    const exclusiveStartKey = startKey(query.cursor, pk);
    const result = await options.client.send(
      new QueryCommand({
        TableName: options.tableName ?? requireEnv('AUDIT_TABLE'),
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': pk },
        ScanIndexForward: false,
        Limit: Math.min(Math.max(query.limit ?? 50, 1), 100),
        ...(exclusiveStartKey ? { ExclusiveStartKey: exclusiveStartKey } : {}),
      }),
    );
    const items = (result.Items ?? []).map(({ pk: _pk, sk: _sk, ...record }) => record as AuditRecord);
    const last = result.LastEvaluatedKey;
    return {
      items,
      ...(last ? { nextCursor: Buffer.from(JSON.stringify(last)).toString('base64url') } : {}),
    };
  }
  return {
    byEntity: (entityType, entityId, query) => read(`ENTITY#${entityType}#${entityId}`, query),
    byDay: (day, query) => {
      if (!DAY.test(day)) throw new TypeError('day must be YYYY-MM-DD');
      return read(`DAY#${day}`, query);
    },
  };
}
