import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, TransactWriteCommand } from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { type AuditEvent, auditActor } from '#shared/audit/audit-event.ts';
import { auditPuts, dynamoDbAuditWriter } from '#shared/audit/dynamodb-audit-writer.ts';

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: 'eu-west-1' }));
const mock = mockClient(documentClient);

const event: AuditEvent = {
  action: 'household.register',
  entityType: 'household',
  entityId: '01JHOUSEHOLD',
  relatedIds: { executionArn: 'arn:aws:states:eu-west-1:1:execution:intake:01JHOUSEHOLD' },
  actor: 'user-1',
  roles: ['intake'],
  requestId: 'req-1',
};

describe('dynamoDbAuditWriter', () => {
  afterEach(() => mock.reset());

  it('appends one record under the entity and one under the day, each only if absent', async () => {
    mock.on(TransactWriteCommand).resolves({});
    const writer = dynamoDbAuditWriter({
      client: documentClient,
      tableName: 'audit',
      now: () => new Date('2026-11-26T10:00:00.000Z'),
      newId: () => 'E1',
    });
    await writer.record(event);
    const [call] = mock.commandCalls(TransactWriteCommand);
    const items = call?.args[0].input.TransactItems ?? [];
    expect(items.map((item) => [item.Put?.Item?.['pk'], item.Put?.Item?.['sk']])).toEqual([
      ['ENTITY#household#01JHOUSEHOLD', '2026-11-26T10:00:00.000Z#E1'],
      ['DAY#2026-11-26', '2026-11-26T10:00:00.000Z#E1'],
    ]);
    for (const item of items) {
      expect(item.Put?.ConditionExpression).toBe('attribute_not_exists(pk)');
      expect(item.Put?.TableName).toBe('audit');
      expect(item.Put?.Item).toMatchObject({
        actor: 'user-1',
        action: 'household.register',
        requestId: 'req-1',
      });
    }
  });

  it('reads the table name from AUDIT_TABLE', async () => {
    mock.on(TransactWriteCommand).resolves({});
    process.env['AUDIT_TABLE'] = 'audit-from-env';
    await dynamoDbAuditWriter({ client: documentClient }).record(event);
    delete process.env['AUDIT_TABLE'];
    expect(mock.commandCalls(TransactWriteCommand)[0]?.args[0].input.TransactItems?.[0]?.Put?.TableName).toBe(
      'audit-from-env',
    );
  });

  it('refuses free text where an identifier belongs, before writing', async () => {
    const writer = dynamoDbAuditWriter({ client: documentClient, tableName: 'audit' });
    await expect(writer.record({ ...event, entityId: 'Aminata Traoré' })).rejects.toThrow('identifiers only');
    await expect(writer.record({ ...event, relatedIds: { email: 'a@b.org' } })).rejects.toThrow(
      'identifiers only',
    );
    expect(mock.commandCalls(TransactWriteCommand)).toHaveLength(0);
  });

  it('lets a write failure reach the caller', async () => {
    mock.on(TransactWriteCommand).rejects(new Error('TransactionCanceledException'));
    const writer = dynamoDbAuditWriter({ client: documentClient, tableName: 'audit' });
    await expect(writer.record(event)).rejects.toThrow('TransactionCanceledException');
  });

  it('builds puts a handler can add to its own transaction', () => {
    const puts = auditPuts(event, 'audit', { eventId: 'E2', at: '2026-01-01T00:00:00.000Z' });
    expect(puts).toHaveLength(2);
    expect(puts[0]?.Put.Item).toMatchObject({ eventId: 'E2', at: '2026-01-01T00:00:00.000Z' });
  });
});

describe('auditActor', () => {
  it('names a shared-secret caller by its channel', () => {
    expect(auditActor({ subject: 'kobo', roles: [], permissions: [], via: 'shared-secret' }, 'r')).toEqual({
      actor: 'kobo',
      roles: ['shared-secret'],
      requestId: 'r',
    });
  });

  it('keeps the partner of a partner caller', () => {
    expect(
      auditActor({ subject: 'u', roles: ['partner'], partnerId: 'FeDe', permissions: [], via: 'jwt' }, 'r'),
    ).toEqual({ actor: 'u', roles: ['partner'], partnerId: 'FeDe', requestId: 'r' });
  });
});
