import { Duration } from 'aws-cdk-lib';
import type { ITable } from 'aws-cdk-lib/aws-dynamodb';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import { EventSourceMapping, FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import type { IQueue } from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { type AppFunction, XRAY_ACTIONS, XRAY_WILDCARD_REASON } from './app-function.ts';
import { acknowledgeServiceWildcards } from './nag-acknowledgments.ts';

/** Retention of a closed GBV case's details when the deployment sets none (context `gbvRetentionDays`). */
export const DEFAULT_GBV_RETENTION_DAYS = 365;

/** Sort key of the retention marker; the same as functions/gbv/retention/retention-marker.ts (a test checks). */
export const RETENTION_MARKER_SK = 'RETENTION';

/**
 * What DynamoDB's TTL service puts in the stream record of an item it expires; a person's or a
 * function's delete carries no `userIdentity`, so only an expiry passes.
 */
export const TTL_REMOVAL_FILTER = {
  eventName: FilterRule.isEqual('REMOVE'),
  userIdentity: {
    type: FilterRule.isEqual('Service'),
    principalId: FilterRule.isEqual('dynamodb.amazonaws.com'),
  },
  dynamodb: { Keys: { sk: { S: FilterRule.isEqual(RETENTION_MARKER_SK) } } },
};

export interface GbvRetentionProps {
  /** The anonymizer (functions/gbv/retention/anonymize-expired-cases.ts), created with protection access. */
  readonly fn: AppFunction;
  /** The protection table, with its stream. */
  readonly table: ITable;
  /** Where batches that failed every retry are recorded (their stream coordinates, no data). */
  readonly failures: IQueue;
}

/**
 * Subscribes the anonymizer to the protection table's stream, filtered to retention markers
 * removed by TTL. Lambda reads the stream with the function's role (under /protection/, so it
 * may decrypt the stream), retries a failing record with its batch split, and after 10 attempts
 * sends the batch's coordinates to `failures` so an operator can replay it.
 */
export function subscribeToExpiredRetentionMarkers(
  scope: Construct,
  id: string,
  props: GbvRetentionProps,
): EventSourceMapping {
  const streamArn = props.table.tableStreamArn;
  if (!streamArn) throw new Error('The protection table has no stream');
  const role = props.fn.role;
  role.addToPrincipalPolicy(
    new PolicyStatement({
      actions: ['dynamodb:DescribeStream', 'dynamodb:GetRecords', 'dynamodb:GetShardIterator'],
      resources: [streamArn],
    }),
  );
  // ListStreams has no resource-level permissions; Lambda calls it to find the stream's shards.
  role.addToPrincipalPolicy(new PolicyStatement({ actions: ['dynamodb:ListStreams'], resources: ['*'] }));
  acknowledgeServiceWildcards(
    role,
    [...XRAY_ACTIONS, 'dynamodb:ListStreams'],
    `${XRAY_WILDCARD_REASON} DynamoDB ListStreams has no resource-level permissions either; it lists stream ARNs, no data.`,
  );
  const mapping = new EventSourceMapping(scope, id, {
    target: props.fn.fn,
    eventSourceArn: streamArn,
    // Markers that expired while the mapping was being (re)created are still handled.
    startingPosition: StartingPosition.TRIM_HORIZON,
    batchSize: 10,
    bisectBatchOnError: true,
    retryAttempts: 10,
    maxRecordAge: Duration.days(1),
    reportBatchItemFailures: true,
    onFailure: new SqsDlq(props.failures),
    filters: [FilterCriteria.filter(TTL_REMOVAL_FILTER)],
  });
  mapping.node.addDependency(role);
  return mapping;
}
