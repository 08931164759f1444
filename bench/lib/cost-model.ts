/**
 * AWS list prices (us-east-1) as of {@link PRICES_AS_OF}. These machines cannot reach the AWS
 * pricing pages: the figures were checked against stored copies of those pages (see
 * {@link PRICES_CHECKED}). Free tiers are ignored: a programme at scale is past them.
 */
export const PRICES_AS_OF = 'AWS us-east-1 list prices as published on 2026-11-27';

/** Where each price was checked, said under the cost table. */
export const PRICES_CHECKED =
  'Checked on 2026-11-27 against stored copies of the AWS pricing pages (no live access from this machine): Step Functions Standard $0.025 per 1,000 state transitions, each retry billed as a transition; Lambda arm64 $0.20 per million requests and $0.0000133334 per GB-s (first 7.5 billion GB-s a month), duration rounded up to the millisecond, INIT billed since 1 August 2025; DynamoDB on-demand $0.625 per million WRU and $0.125 per million RRU (since the 1 November 2024 price cut); API Gateway HTTP API $1.00 per million requests (first 300 million a month, per 512 KB); S3 Standard $0.005 per 1,000 PUT/COPY/POST/LIST and $0.0004 per 1,000 GET; KMS $0.03 per 10,000 requests and $1 a month per customer-managed key.';

export const PRICES = {
  /** Step Functions Standard: per state transition ($0.025 per 1,000). */
  stateTransition: 0.025 / 1000,
  /** Lambda arm64: per request ($0.20 per million). */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda arm64: per GB-second (first 7.5 billion GB-s a month). */
  lambdaGbSecond: 0.0000133334,
  /** DynamoDB on-demand, after the November 2024 price cut: per write request unit ($0.625 per million). */
  dynamoWriteUnit: 0.625 / 1e6,
  /** DynamoDB on-demand: per read request unit ($0.125 per million). */
  dynamoReadUnit: 0.125 / 1e6,
  /** S3 Standard: PUT, COPY, POST, LIST ($0.005 per 1,000). */
  s3Write: 0.005 / 1000,
  /** S3 Standard: GET and others ($0.0004 per 1,000). */
  s3Read: 0.0004 / 1000,
  /** API Gateway HTTP API: per request up to 512 KB (first 300 million a month, $1.00 per million). */
  httpApiRequest: 1 / 1e6,
  /** KMS: per API request ($0.03 per 10,000). */
  kmsRequest: 0.03 / 10_000,
} as const;

/** Billable usage of one unit of work (e.g. one household from intake to distribution). */
export interface Usage {
  stateTransitions: number;
  lambdaInvocations: number;
  lambdaGbSeconds: number;
  dynamoWriteUnits: number;
  dynamoReadUnits: number;
  s3Writes: number;
  s3Reads: number;
  httpApiRequests: number;
  kmsRequests: number;
}

export const NO_USAGE: Usage = {
  stateTransitions: 0,
  lambdaInvocations: 0,
  lambdaGbSeconds: 0,
  dynamoWriteUnits: 0,
  dynamoReadUnits: 0,
  s3Writes: 0,
  s3Reads: 0,
  httpApiRequests: 0,
  kmsRequests: 0,
};

/** The unit price of each line item. */
export const PRICE_OF: Record<keyof Usage, number> = {
  stateTransitions: PRICES.stateTransition,
  lambdaInvocations: PRICES.lambdaRequest,
  lambdaGbSeconds: PRICES.lambdaGbSecond,
  dynamoWriteUnits: PRICES.dynamoWriteUnit,
  dynamoReadUnits: PRICES.dynamoReadUnit,
  s3Writes: PRICES.s3Write,
  s3Reads: PRICES.s3Read,
  httpApiRequests: PRICES.httpApiRequest,
  kmsRequests: PRICES.kmsRequest,
};

/** Lambda bills duration rounded up to the millisecond, at the configured memory. */
export function gbSeconds(durationMs: number, memoryMb: number): number {
  return (Math.ceil(durationMs) / 1000) * (memoryMb / 1024);
}

export const addUsage = (a: Usage, b: Partial<Usage>): Usage =>
  Object.fromEntries(
    (Object.keys(a) as (keyof Usage)[]).map((key) => [key, a[key] + (b[key] ?? 0)]),
  ) as unknown as Usage;

export const scaleUsage = (usage: Usage, factor: number): Usage =>
  Object.fromEntries(
    (Object.keys(usage) as (keyof Usage)[]).map((key) => [key, usage[key] * factor]),
  ) as unknown as Usage;

/** Dollars per line item for `count` units of this usage (e.g. 1,000 households). */
export function costBreakdown(usage: Usage, count = 1000): Record<keyof Usage, number> {
  return Object.fromEntries(
    (Object.keys(usage) as (keyof Usage)[]).map((key) => [key, usage[key] * PRICE_OF[key] * count]),
  ) as Record<keyof Usage, number>;
}

export function totalCost(usage: Usage, count = 1000): number {
  return Object.values(costBreakdown(usage, count)).reduce((sum, dollars) => sum + dollars, 0);
}
