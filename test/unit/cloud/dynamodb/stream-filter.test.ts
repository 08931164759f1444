import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FilterCriteria } from 'aws-cdk-lib/aws-lambda';
import { describe, expect, it } from 'vitest';
import { TTL_REMOVAL_FILTER } from '../../../../infra/constructs/gbv-retention.ts';
import {
  asLambdaRecord,
  passesFilters,
  removedByTtl,
} from '../../../../local/cloud/dynamodb/stream-filter.ts';
import type { StreamRecord } from '../../../../local/cloud/dynamodb/streams-api.ts';
import { ttlDeletions } from '../../../../local/cloud/dynamodb/ttl-deletions.ts';
import type { StreamMappingModel } from '../../../../local/cloud/model/event-source-mappings.ts';

/** The pattern exactly as the template carries it (infra/constructs/gbv-retention.ts). */
const retentionFilters = [
  JSON.parse((FilterCriteria.filter(TTL_REMOVAL_FILTER) as { pattern: string }).pattern) as Record<
    string,
    unknown
  >,
];
const mapping: StreamMappingModel = {
  logicalId: 'Retention',
  stackName: 'Service',
  functionName: 'anonymizer',
  eventSourceArn: 'arn:aws:dynamodb:eu-west-3:123456789012:table/protection/stream/1970-01-01T00:00:00.000',
  tableName: 'protection',
  startingPosition: 'TRIM_HORIZON',
  batchSize: 10,
  filters: retentionFilters,
  maximumRetryAttempts: 2,
  reportBatchItemFailures: true,
};
const raw = (eventName: StreamRecord['eventName'], sk: string, sequence = '1'): StreamRecord => ({
  eventID: `e-${sequence}`,
  eventName,
  eventVersion: '1.1',
  eventSource: 'aws:dynamodb',
  awsRegion: 'ddblocal',
  dynamodb: {
    Keys: { pk: { S: 'CASE#01JD3Q4Z5X6Y7W8V9T0S1R2Q3P' }, sk: { S: sk } },
    SequenceNumber: sequence,
  },
});
const delivered = (record: StreamRecord, expiredByTtl: boolean) =>
  asLambdaRecord(record, { mapping, region: 'eu-west-3', expiredByTtl });

describe('stream records as Lambda receives them', () => {
  it('carry the region and stream ARN of the template, and the TTL service identity on expiries', () => {
    const record = delivered(raw('REMOVE', 'RETENTION'), true);
    expect(record).toMatchObject({
      awsRegion: 'eu-west-3',
      eventSourceARN: mapping.eventSourceArn,
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    });
    expect(delivered(raw('REMOVE', 'RETENTION'), false)).not.toHaveProperty('userIdentity');
  });

  it('recognise a removal the sweeper noted, and nothing else', () => {
    const deletions = ttlDeletions();
    const record = raw('REMOVE', 'RETENTION');
    expect(removedByTtl(record, 'protection', deletions)).toBe(false);
    deletions.note('protection', { sk: { S: 'RETENTION' }, pk: { S: 'CASE#01JD3Q4Z5X6Y7W8V9T0S1R2Q3P' } });
    expect(removedByTtl(record, 'protection', deletions)).toBe(true);
    expect(removedByTtl(record, 'registry', deletions)).toBe(false);
    expect(removedByTtl(raw('MODIFY', 'RETENTION'), 'protection', deletions)).toBe(false);
  });
});

describe('FilterCriteria with the GBV retention pattern', () => {
  it('passes a retention marker expired by TTL', () => {
    expect(passesFilters(mapping.filters, delivered(raw('REMOVE', 'RETENTION'), true))).toBe(true);
  });

  it('stops a marker deleted by a person or a function, other expired items, and other events', () => {
    expect(passesFilters(mapping.filters, delivered(raw('REMOVE', 'RETENTION'), false))).toBe(false);
    expect(passesFilters(mapping.filters, delivered(raw('REMOVE', 'IDENTITY'), true))).toBe(false);
    expect(passesFilters(mapping.filters, delivered(raw('INSERT', 'RETENTION'), false))).toBe(false);
    expect(passesFilters(mapping.filters, delivered(raw('MODIFY', 'CASE'), false))).toBe(false);
  });

  it('passes everything when the mapping has no filter, and a record matching any of several', () => {
    expect(passesFilters([], delivered(raw('INSERT', 'CASE'), false))).toBe(true);
    const either = [{ eventName: ['INSERT'] }, ...mapping.filters];
    expect(passesFilters(either, delivered(raw('INSERT', 'CASE'), false))).toBe(true);
    expect(passesFilters(either, delivered(raw('REMOVE', 'RETENTION'), true))).toBe(true);
    expect(passesFilters(either, delivered(raw('MODIFY', 'CASE'), false))).toBe(false);
  });
});

describe('ttlDeletions', () => {
  it('keeps notes across a restart until the stream record is delivered', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'ttl-deletions-')), 'pending.json');
    const keys = { pk: { S: 'a' }, sk: { S: 'b' } };
    ttlDeletions(file).note('protection', keys);
    const restarted = ttlDeletions(file);
    expect(restarted.has('protection', { sk: { S: 'b' }, pk: { S: 'a' } })).toBe(true);
    expect(restarted.take('protection', keys)).toBe(true);
    expect(ttlDeletions(file).has('protection', keys)).toBe(false);
  });

  it('forgets a note whose delete did not happen', () => {
    const deletions = ttlDeletions();
    const keys = { pk: { S: 'a' } };
    deletions.note('t', keys);
    deletions.forget('t', keys);
    expect(deletions.take('t', keys)).toBe(false);
  });
});
