import { randomBytes } from 'node:crypto';
import { crc32 } from 'node:zlib';
import type { DynamoDbThrottleError } from './dynamodb-faults.ts';

const WRITES = new Set([
  'putitem',
  'updateitem',
  'deleteitem',
  'batchwriteitem',
  'transactwriteitems',
  'executetransaction',
]);

/** What DynamoDB says, by error: the `__type` namespace and message are DynamoDB's own. */
const ERRORS: Record<
  DynamoDbThrottleError,
  { type: string; message: string; limit: string; reasonsField: string }
> = {
  ProvisionedThroughputExceededException: {
    type: 'com.amazonaws.dynamodb.v20120810#ProvisionedThroughputExceededException',
    message:
      'Throughput exceeds the current capacity of your table or index. DynamoDB is automatically scaling ' +
      'your table or index so please try again shortly. If exceptions persist, check if you have a hot key: ' +
      'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/bp-partition-key-design.html',
    limit: 'KeyRangeThroughputExceeded',
    reasonsField: 'ThrottlingReasons',
  },
  ThrottlingException: {
    type: 'com.amazon.coral.availability#ThrottlingException',
    message: 'Rate of requests exceeds the allowed throughput.',
    limit: 'AccountLimitExceeded',
    // The SDK model spells this member in lower camel case on ThrottlingException only.
    reasonsField: 'throttlingReasons',
  },
};

export interface ThrottleAnswer {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/**
 * The answer of a throttled DynamoDB request: HTTP 400, the error in `__type` (which the SDK
 * reads first) and in `x-amzn-ErrorType`, DynamoDB's message, and the throttling reason with the
 * table's ARN. The SDK turns it into its `ProvisionedThroughputExceededException` (or
 * `ThrottlingException`) class and retries it as a throttling error, with backoff.
 */
export function throttleAnswer(options: {
  error: DynamoDbThrottleError;
  operation: string;
  table?: string;
  region: string;
  account: string;
}): ThrottleAnswer {
  const error = ERRORS[options.error];
  const direction = WRITES.has(options.operation.toLowerCase()) ? 'Write' : 'Read';
  const resource = options.table?.startsWith('arn:')
    ? options.table
    : `arn:aws:dynamodb:${options.region}:${options.account}:table/${options.table ?? '*'}`;
  const body = Buffer.from(
    JSON.stringify({
      __type: error.type,
      message: error.message,
      [error.reasonsField]: [{ reason: `Table${direction}${error.limit}`, resource }],
    }),
  );
  return {
    status: 400,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'content-length': String(body.length),
      'x-amzn-requestid': requestId(),
      'x-amzn-errortype': options.error,
      'x-amz-crc32': String(crc32(body)),
    },
    body,
  };
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** DynamoDB's request ids are 52 upper-case letters and digits. */
function requestId(): string {
  return Array.from(randomBytes(52), (byte) => ALPHABET[byte % ALPHABET.length]).join('');
}
