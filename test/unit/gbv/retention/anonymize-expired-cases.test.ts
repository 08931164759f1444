import { QueryCommand, TransactWriteCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { documentClient } from '#shared/clients/dynamodb.ts';
import {
  anonymizeExpiredCases,
  expiredCaseId,
} from '../../../../functions/gbv/retention/anonymize-expired-cases.ts';
import { CASE_ID } from '../gbv-setup.ts';

const dynamo = mockClient(documentClient);
afterEach(() => dynamo.reset());

const OTHER_CASE = '01JD3Q4Z5X6Y7W8V9T0S1R2QC2';
const record = (
  sequence: string,
  keys: { pk: string; sk: string },
  eventName = 'REMOVE',
): DynamoDBRecord => ({
  eventName: eventName as DynamoDBRecord['eventName'],
  eventSource: 'aws:dynamodb',
  userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
  dynamodb: { Keys: { pk: { S: keys.pk }, sk: { S: keys.sk } }, SequenceNumber: sequence },
});
const marker = (caseId: string, sequence: string) =>
  record(sequence, { pk: `CASE#${caseId}`, sk: 'RETENTION' });
const deps = {
  client: documentClient,
  protectionTable: 'protection-test',
  auditTable: 'audit-test',
  now: () => new Date('2027-12-01T00:00:00.000Z'),
  newId: () => '01JD3Q4Z5X6Y7W8V9T0S1R2QZZ',
};

describe('expiredCaseId', () => {
  it('reads the case id from the removal of a retention marker only', () => {
    expect(expiredCaseId(marker(CASE_ID, '1'))).toBe(CASE_ID);
    expect(expiredCaseId(record('2', { pk: `CASE#${CASE_ID}`, sk: 'RETENTION' }, 'INSERT'))).toBeUndefined();
    expect(expiredCaseId(record('3', { pk: `CASE#${CASE_ID}`, sk: 'IDENTITY' }))).toBeUndefined();
    expect(expiredCaseId(record('4', { pk: 'CASE#not-a-ulid', sk: 'RETENTION' }))).toBeUndefined();
  });
});

describe('anonymizeExpiredCases', () => {
  it('anonymizes each expired case of the batch, ignoring other records', async () => {
    dynamo.on(QueryCommand).resolves({ Items: [{ pk: `CASE#${CASE_ID}`, sk: 'CASE', status: 'CLOSED' }] });
    dynamo.on(TransactWriteCommand).resolves({});
    const answer = await anonymizeExpiredCases(
      deps,
      { Records: [record('1', { pk: `CASE#${CASE_ID}`, sk: 'CASE' }, 'MODIFY'), marker(CASE_ID, '2')] },
      'req-1',
    );
    expect(answer).toEqual({ batchItemFailures: [] });
    expect(dynamo.commandCalls(TransactWriteCommand)).toHaveLength(1);
  });

  it('reports the first failed record and leaves the rest of the batch for the retry', async () => {
    dynamo.on(QueryCommand).rejects(Object.assign(new Error('throttled'), { name: 'ThrottlingException' }));
    const answer = await anonymizeExpiredCases(
      deps,
      { Records: [marker(CASE_ID, '7'), marker(OTHER_CASE, '8')] },
      'req-1',
    );
    expect(answer).toEqual({ batchItemFailures: [{ itemIdentifier: '7' }] });
    // The second case was not attempted: order is kept, the retry starts at record 7.
    expect(dynamo.commandCalls(QueryCommand)).toHaveLength(1);
    expect(dynamo.commandCalls(UpdateCommand)).toHaveLength(0);
  });
});
