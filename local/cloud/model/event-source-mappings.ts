import type { Resolver } from '../assembly/intrinsics.ts';
import { resourcesOfType } from './resources.ts';

/** A Lambda event source mapping on a DynamoDB stream, as the template declares it. */
export interface StreamMappingModel {
  logicalId: string;
  stackName: string;
  /** The function's name (or ARN) as resolved from `FunctionName`. */
  functionName: string;
  /** The stream ARN as the template resolves it: what records carry in `eventSourceARN`. */
  eventSourceArn: string;
  /** The table whose stream it reads (from `…:table/<name>/stream/…`). */
  tableName: string;
  startingPosition: 'TRIM_HORIZON' | 'LATEST';
  batchSize: number;
  /** Event patterns from `FilterCriteria`; a record passes if any matches (all pass when empty). */
  filters: Record<string, unknown>[];
  /** -1: retry until the record expires (Lambda's default). */
  maximumRetryAttempts: number;
  reportBatchItemFailures: boolean;
  /** `DestinationConfig.OnFailure` (an SQS queue or SNS topic ARN on AWS). */
  onFailureArn?: string;
}

export interface SkippedMapping {
  logicalId: string;
  reason: string;
}

const STREAM_TABLE = /:table\/([^/]+)\/stream\//;

/**
 * `AWS::Lambda::EventSourceMapping` resources reading DynamoDB streams; mappings of other sources
 * (SQS, Kinesis, Kafka) and disabled ones are listed as skipped.
 */
export function deriveEventSourceMappings(resolver: Resolver): {
  mappings: StreamMappingModel[];
  skipped: SkippedMapping[];
} {
  const mappings: StreamMappingModel[] = [];
  const skipped: SkippedMapping[] = [];
  for (const found of resourcesOfType(resolver, 'AWS::Lambda::EventSourceMapping')) {
    const source = found.prop<string>('EventSourceArn') ?? '';
    const table = STREAM_TABLE.exec(source)?.[1];
    if (!source.startsWith('arn:aws:dynamodb:') || !table) {
      skipped.push({
        logicalId: found.logicalId,
        reason: `event source ${source || '(none)'} is not run locally`,
      });
      continue;
    }
    if (found.prop('Enabled') === false) {
      skipped.push({ logicalId: found.logicalId, reason: 'disabled' });
      continue;
    }
    const criteria = found.prop<{ Filters?: { Pattern?: string }[] }>('FilterCriteria');
    const onFailure = found.prop<{ OnFailure?: { Destination?: string } }>('DestinationConfig')?.OnFailure;
    const model: StreamMappingModel = {
      logicalId: found.logicalId,
      stackName: found.stackName,
      functionName: String(found.prop('FunctionName')),
      eventSourceArn: source,
      tableName: table,
      startingPosition: found.prop('StartingPosition') === 'LATEST' ? 'LATEST' : 'TRIM_HORIZON',
      batchSize: found.prop<number>('BatchSize') ?? 100,
      filters: (criteria?.Filters ?? []).map((f) => JSON.parse(f.Pattern ?? '{}') as Record<string, unknown>),
      maximumRetryAttempts: found.prop<number>('MaximumRetryAttempts') ?? -1,
      reportBatchItemFailures: (found.prop<string[]>('FunctionResponseTypes') ?? []).includes(
        'ReportBatchItemFailures',
      ),
    };
    if (onFailure?.Destination) model.onFailureArn = onFailure.Destination;
    mappings.push(model);
  }
  return { mappings, skipped };
}
