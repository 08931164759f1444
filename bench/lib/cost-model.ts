/**
 * AWS list prices (us-east-1) as known on {@link PRICES_AS_OF}, from the public pricing pages as
 * they stood then. They were not fetched (these machines have no internet): check them before
 * quoting a figure. Free tiers are ignored: a programme at scale is past them.
 */
export const PRICES_AS_OF = '2026-11-26 (list prices as last published before this date; to be checked)';

export const PRICES = {
  /** Step Functions Standard: per state transition ($0.025 per 1,000). */
  stateTransition: 0.025 / 1000,
  /** Lambda arm64: per request ($0.20 per million). */
  lambdaRequest: 0.2 / 1e6,
  /** Lambda arm64: per GB-second (first 6 billion GB-s a month). */
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

const PRICE_OF: Record<keyof Usage, number> = {
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
