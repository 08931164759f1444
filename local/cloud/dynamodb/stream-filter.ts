import type { StreamMappingModel } from '../model/event-source-mappings.ts';
import { matchesPattern } from '../s3/event-pattern.ts';
import type { StreamRecord } from './streams-api.ts';
import type { TtlDeletions } from './ttl-deletions.ts';

/** What a stream record of an expiry by TTL carries on AWS. */
export const TTL_SERVICE_IDENTITY = { type: 'Service', principalId: 'dynamodb.amazonaws.com' } as const;

/**
 * A record as Lambda receives it from the mapping: the region and stream ARN the template names
 * (DynamoDB Local reports its own), and the TTL service's identity on the removals its sweeper made.
 */
export function asLambdaRecord(
  record: StreamRecord,
  context: { mapping: StreamMappingModel; region: string; expiredByTtl: boolean },
): StreamRecord {
  const { userIdentity: _local, ...rest } = record;
  return {
    ...rest,
    awsRegion: context.region,
    eventSourceARN: context.mapping.eventSourceArn,
    ...(context.expiredByTtl ? { userIdentity: { ...TTL_SERVICE_IDENTITY } } : {}),
  };
}

/** Whether a REMOVE record is one the local TTL sweeper caused (the note stays until delivered). */
export function removedByTtl(record: StreamRecord, tableName: string, deletions: TtlDeletions): boolean {
  return record.eventName === 'REMOVE' && deletions.has(tableName, record.dynamodb.Keys ?? {});
}

/** Lambda's FilterCriteria: a record passes when any pattern matches it; without patterns every record does. */
export function passesFilters(filters: readonly Record<string, unknown>[], record: StreamRecord): boolean {
  if (filters.length === 0) return true;
  return filters.some((pattern) => matchesPattern(pattern, record as unknown as Record<string, unknown>));
}
