/**
 * Cost per household on AWS, from what the e2e run measured: state transitions, Lambda tasks and
 * their durations (execution histories), DynamoDB capacity units consumed by the functions (the
 * metering proxy, ReturnConsumedCapacity), the workflows' own DynamoDB integrations (counted from
 * the histories and priced at 1 unit each: small items), S3 requests, and the API request itself.
 */
import type { EndToEndResults } from './end-to-end.ts';
import {
  addUsage,
  costBreakdown,
  gbSeconds,
  NO_USAGE,
  PRICES,
  PRICES_AS_OF,
  totalCost,
  type Usage,
} from './lib/cost-model.ts';
import { executionUsage } from './lib/execution-usage.ts';
import type { Table } from './lib/markdown.ts';
import { median, significant } from './lib/stats.ts';

export const GOAL_PER_THOUSAND = 0.3;

export interface CostResults {
  households: number;
  perHousehold: Usage;
  perThousand: Record<keyof Usage, number>;
  totalPerThousand: number;
  byWorkflow: Record<
    string,
    { executions: number; transitions: number; lambdas: number; paths: Record<string, number> }
  >;
  /** DynamoDB operations the functions made, per household. */
  dynamoOperationsPerHousehold: Record<string, number>;
  lambdaByFunction: Record<string, { invocations: number; medianMs: number }>;
}

export function costFromEndToEnd(e2e: EndToEndResults): CostResults {
  const households = e2e.apiRequests;
  if (households === 0) throw new Error('the e2e run registered no household');
  let usage: Usage = { ...NO_USAGE };
  const byWorkflow: CostResults['byWorkflow'] = {};
  const durations: Record<string, number[]> = {};
  for (const history of e2e.histories) {
    const measured = executionUsage(history.events);
    const row = byWorkflow[history.stateMachine] ?? { executions: 0, transitions: 0, lambdas: 0, paths: {} };
    row.executions += 1;
    const path = measured.path.join(' → ');
    row.paths[path] = (row.paths[path] ?? 0) + 1;
    row.transitions += measured.stateTransitions;
    row.lambdas += measured.lambdaInvocations.length;
    byWorkflow[history.stateMachine] = row;
    const integrationReads = Object.entries(measured.serviceCalls)
      .filter(([key]) => /^dynamodb:(getItem|query)/.test(key))
      .reduce((sum, [, n]) => sum + n, 0);
    const integrationWrites = Object.entries(measured.serviceCalls)
      .filter(([key]) => /^dynamodb:(putItem|updateItem|deleteItem)/.test(key))
      .reduce((sum, [, n]) => sum + n, 0);
    usage = addUsage(usage, {
      stateTransitions: measured.stateTransitions,
      lambdaInvocations: measured.lambdaInvocations.length,
      lambdaGbSeconds: measured.lambdaInvocations.reduce(
        (sum, call) => sum + gbSeconds(call.durationMs, e2e.functionMemoryMb[call.functionName] ?? 512),
        0,
      ),
      dynamoReadUnits: integrationReads,
      dynamoWriteUnits: integrationWrites,
    });
    for (const call of measured.lambdaInvocations) {
      durations[call.functionName] = [...(durations[call.functionName] ?? []), call.durationMs];
    }
  }
  // The API function: one request and one invocation per household; its billed duration is taken
  // as the median client latency at one client, an upper bound (it includes the HTTP stand-in).
  const apiDuration = e2e.levels[0]?.p50Ms ?? median(e2e.apiDurationsMs);
  usage = addUsage(usage, {
    httpApiRequests: households,
    lambdaInvocations: households,
    lambdaGbSeconds: households * gbSeconds(apiDuration, e2e.registerMemoryMb),
    dynamoReadUnits: e2e.metered.dynamoReadUnits,
    dynamoWriteUnits: e2e.metered.dynamoWriteUnits,
    s3Reads: e2e.metered.s3Reads,
    s3Writes: e2e.metered.s3Writes,
  });
  const perHousehold = Object.fromEntries(
    Object.entries(usage).map(([key, value]) => [key, value / households]),
  ) as unknown as Usage;
  return {
    households,
    perHousehold,
    perThousand: costBreakdown(perHousehold),
    totalPerThousand: totalCost(perHousehold),
    byWorkflow,
    dynamoOperationsPerHousehold: Object.fromEntries(
      Object.entries(e2e.metered.dynamoOperations).map(([operation, count]) => [
        operation,
        count / households,
      ]),
    ),
    lambdaByFunction: Object.fromEntries(
      Object.entries(durations).map(([name, values]) => [
        name,
        { invocations: values.length, medianMs: median(values) },
      ]),
    ),
  };
}

const LABELS: Record<keyof Usage, string> = {
  stateTransitions: 'Step Functions Standard state transitions',
  lambdaInvocations: 'Lambda requests',
  lambdaGbSeconds: 'Lambda GB-seconds (arm64)',
  dynamoWriteUnits: 'DynamoDB write request units',
  dynamoReadUnits: 'DynamoDB read request units',
  s3Writes: 'S3 PUT/POST/LIST requests',
  s3Reads: 'S3 GET requests',
  httpApiRequests: 'API Gateway HTTP API requests',
  kmsRequests: 'KMS requests',
};

export function costTables(results: CostResults): Table[] {
  const keys = Object.keys(LABELS) as (keyof Usage)[];
  const biggest = [...keys].sort((a, b) => results.perThousand[b] - results.perThousand[a])[0]!;
  return [
    {
      title: 'Cost per 1,000 households (AWS us-east-1 list prices)',
      headers: ['line item', 'per household', 'unit price $', '$ per 1,000 households'],
      rows: [
        ...keys.map((key) => [
          LABELS[key],
          significant(results.perHousehold[key], 4),
          significant(
            (
              {
                stateTransitions: PRICES.stateTransition,
                lambdaInvocations: PRICES.lambdaRequest,
                lambdaGbSeconds: PRICES.lambdaGbSecond,
                dynamoWriteUnits: PRICES.dynamoWriteUnit,
                dynamoReadUnits: PRICES.dynamoReadUnit,
                s3Writes: PRICES.s3Write,
                s3Reads: PRICES.s3Read,
                httpApiRequests: PRICES.httpApiRequest,
                kmsRequests: PRICES.kmsRequest,
              } as const
            )[key],
            4,
          ),
          significant(results.perThousand[key], 3),
        ]),
        ['**total**', null, null, significant(results.totalPerThousand, 3)],
      ],
      notes: [
        `Prices: ${PRICES_AS_OF}. Step Functions Standard $0.025 per 1,000 transitions; Lambda arm64 $0.20 per million requests and $0.0000133334 per GB-s; DynamoDB on-demand $0.625 per million WRU and $0.125 per million RRU; HTTP API $1.00 per million; S3 $0.005 per 1,000 PUT and $0.0004 per 1,000 GET; KMS $0.03 per 10,000. Free tiers ignored.`,
        `Goal: under $${GOAL_PER_THOUSAND} per 1,000 households from intake to distribution: ${results.totalPerThousand < GOAL_PER_THOUSAND ? 'met' : `NOT met, by $${significant(results.totalPerThousand - GOAL_PER_THOUSAND, 3)}`} for what was measured (largest item: ${LABELS[biggest]}).`,
        `Measured over ${results.households} households registered through POST /households: the intake workflow to its end and the kit-dispatch executions it started up to where they wait (no stock was received in the run, so they wait on the waitlist); distribution itself (stock receipt, voucher, confirmation call) was NOT run, so serving a household is not fully counted.`,
        "DynamoDB: functions' capacity from ReturnConsumedCapacity through a metering proxy (exact, as DynamoDB Local computes it); the workflows' own getItem/updateItem integrations counted from the histories at 1 unit each. Lambda duration: from task started to result in the histories, at each function's template memory; the API function at the median 1-client latency (upper bound). KMS: the protection table's key is not on this path; DynamoDB's own calls to an AWS-managed key are not billed per request.",
      ],
    },
    {
      title: 'Where the transitions and Lambdas come from',
      headers: ['workflow', 'executions', 'transitions per execution', 'Lambda tasks per execution'],
      rows: Object.entries(results.byWorkflow).map(([name, row]) => [
        name,
        row.executions,
        significant(row.transitions / row.executions),
        significant(row.lambdas / row.executions),
      ]),
      notes: [
        ...Object.entries(results.byWorkflow).flatMap(([name, row]) =>
          Object.entries(row.paths)
            .sort((a, b) => b[1] - a[1])
            .slice(0, 3)
            .map(([path, count]) => `${name.replace(/^CaseworkService-Workflow/, '')}: ${count}× ${path}`),
        ),
        ...Object.entries(results.lambdaByFunction).map(
          ([name, row]) =>
            `${name.replace(/^CaseworkService-/, '')}: ${row.invocations} tasks, median ${significant(row.medianMs)} ms`,
        ),
        `DynamoDB operations by the functions per household: ${Object.entries(
          results.dynamoOperationsPerHousehold,
        )
          .map(([operation, count]) => `${operation} ${significant(count)}`)
          .join(', ')}.`,
      ],
    },
  ];
}
