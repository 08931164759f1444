import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from 'aws-lambda';
import { ulid } from 'ulid';
import type { AuditActor } from '#shared/audit/audit-event.ts';
import { documentClient } from '#shared/clients/dynamodb.ts';
import { requireEnv } from '#shared/env.ts';
import { logger } from '#shared/observability/logger.ts';
import { type AnonymizationOutcome, anonymizeCase, type CaseAnonymizerDeps } from './case-anonymizer.ts';
import { RETENTION_SK } from './retention-marker.ts';

const CASE_ID = /^CASE#([0-9A-HJKMNP-TV-Z]{26})$/;

/** Who acts in the audit trail: the retention process, not a person. */
export const retentionActor = (requestId: string): AuditActor => ({
  actor: 'system:gbv-retention',
  roles: ['retention'],
  requestId,
});

/** The case whose retention marker a stream record removes; undefined for any other record. */
export function expiredCaseId(record: DynamoDBRecord): string | undefined {
  if (record.eventName !== 'REMOVE') return undefined;
  const keys = record.dynamodb?.Keys;
  if (keys?.sk?.S !== RETENTION_SK) return undefined;
  return CASE_ID.exec(keys.pk?.S ?? '')?.[1];
}

/**
 * Handles a batch of protection-table stream records: the event source mapping's filter passes
 * only removals of retention markers by DynamoDB's TTL service (infra/service-stack.ts). Records
 * are handled in order; the first failure is reported (ReportBatchItemFailures) so Lambda retries
 * from it and nothing after it is lost or done out of order.
 */
export async function anonymizeExpiredCases(
  deps: CaseAnonymizerDeps,
  event: DynamoDBStreamEvent,
  requestId: string,
): Promise<DynamoDBBatchResponse> {
  for (const record of event.Records) {
    const caseId = expiredCaseId(record);
    if (!caseId) continue;
    try {
      const outcome: AnonymizationOutcome = await anonymizeCase(deps, {
        caseId,
        actor: retentionActor(requestId),
      });
      logger.info('Retention of a closed case handled', { caseId, outcome: outcome.kind });
    } catch (error) {
      logger.error('Anonymization failed', { caseId, error });
      return { batchItemFailures: [{ itemIdentifier: record.dynamodb?.SequenceNumber ?? '' }] };
    }
  }
  return { batchItemFailures: [] };
}

/** Stream handler of the protection table (filtered to expired retention markers). */
export const handler = middy<DynamoDBStreamEvent, DynamoDBBatchResponse>()
  .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
  .handler((event, context) =>
    anonymizeExpiredCases(
      {
        client: documentClient,
        protectionTable: requireEnv('PROTECTION_TABLE'),
        auditTable: requireEnv('AUDIT_TABLE'),
        now: () => new Date(),
        newId: ulid,
      },
      event,
      context.awsRequestId,
    ),
  );
