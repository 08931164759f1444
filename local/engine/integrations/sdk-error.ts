import type { TaskOutcome } from '../contract.ts';

/**
 * An AWS SDK error as Step Functions reports it: `<Service>.<ErrorName>` (`S3.NoSuchKey`,
 * `DynamoDb.ConditionalCheckFailedException`; the optimized DynamoDB integration says `DynamoDB.`).
 */
export function sdkErrorOutcome(prefix: string, error: unknown): TaskOutcome {
  const sdkError = error as {
    name?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number; requestId?: string };
  };
  const name = sdkError.name && sdkError.name !== 'Error' ? sdkError.name : 'SdkClientException';
  const status = sdkError.$metadata?.httpStatusCode;
  const cause =
    `${sdkError.message ?? String(error)} (Service: ${prefix}, Status Code: ${status ?? 0}, ` +
    `Error Code: ${name}, Request ID: ${sdkError.$metadata?.requestId ?? 'local'})`;
  return { ok: false, error: `${prefix}.${name}`, cause };
}

/** SDK responses carry Dates, streams and metadata; the journal needs the JSON that AWS returns. */
export function toJsonOutput(response: Record<string, unknown>): unknown {
  const { $metadata: _metadata, ...rest } = response;
  return JSON.parse(JSON.stringify(rest));
}
