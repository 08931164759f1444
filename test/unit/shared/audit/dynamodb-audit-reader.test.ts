import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { dynamoDbAuditReader } from '#shared/audit/dynamodb-audit-reader.ts';
import { ValidationError } from '#shared/errors/http-errors.ts';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const mock = mockClient(documentClient);
const reader = dynamoDbAuditReader({ client: documentClient, tableName: 'audit' });
const record = {
  action: 'gbv-case.read',
  entityType: 'gbv-case',
  entityId: 'C1',
  actor: 'u-sup',
  roles: ['supervisor'],
  requestId: 'r1',
  eventId: 'E1',
  at: '2026-11-26T10:00:00.000Z',
};

describe('dynamoDbAuditReader', () => {
  afterEach(() => mock.reset());

  it('reads an entity’s history newest first and hides the keys', async () => {
    const last = { pk: 'ENTITY#gbv-case#C1', sk: '2026-11-26T10:00:00.000Z#E1' };
    mock.on(QueryCommand).resolves({ Items: [{ ...last, ...record }], LastEvaluatedKey: last });
    const page = await reader.byEntity('gbv-case', 'C1', { limit: 1 });
    expect(page.items).toEqual([record]);
    const input = mock.commandCalls(QueryCommand)[0]?.args[0].input;
    expect(input).toMatchObject({
      ExpressionAttributeValues: { ':pk': 'ENTITY#gbv-case#C1' },
      ScanIndexForward: false,
      Limit: 1,
    });

    mock.on(QueryCommand).resolves({ Items: [] });
    await reader.byEntity('gbv-case', 'C1', { cursor: page.nextCursor });
    expect(mock.commandCalls(QueryCommand)[1]?.args[0].input.ExclusiveStartKey).toEqual(last);
  });

  it('refuses a cursor from another partition or a forged one', async () => {
    const other = Buffer.from(JSON.stringify({ pk: 'ENTITY#household#H1', sk: 'x' })).toString('base64url');
    await expect(reader.byEntity('gbv-case', 'C1', { cursor: other })).rejects.toThrow(ValidationError);
    await expect(reader.byEntity('gbv-case', 'C1', { cursor: '%%%' })).rejects.toThrow(ValidationError);
    expect(mock.commandCalls(QueryCommand)).toHaveLength(0);
  });

  it('reads a day and caps the page size', async () => {
    mock.on(QueryCommand).resolves({ Items: [] });
    await reader.byDay('2026-11-26', { limit: 10_000 });
    expect(mock.commandCalls(QueryCommand)[0]?.args[0].input).toMatchObject({
      ExpressionAttributeValues: { ':pk': 'DAY#2026-11-26' },
      Limit: 100,
    });
    expect(() => reader.byDay('26/11/2026')).toThrow('YYYY-MM-DD');
  });
});
