import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DescribeExecutionCommand, type HistoryEvent, type SFNClient } from '@aws-sdk/client-sfn';
import { decodeJwt } from 'jose';
import { buildEventV2 } from '../local/cloud/http-api/event-v2.ts';
import { claimsAsApiGatewayPassesThem } from '../local/cloud/http-api/jwt-authorizer.ts';
import { readIssuers } from '../local/cloud/identity/issuers.ts';
import { mintToken } from '../local/cloud/identity/mint-token.ts';
import { loadOrCreateSigningKey } from '../local/cloud/identity/signing-key.ts';
import { lambdaEnvironment } from '../local/cloud/lambda/lambda-environment.ts';
import { getFullHistory } from '../local/ops/history.ts';
import { cohortHousehold, letters } from './lib/cohort-households.ts';
import type { Table } from './lib/markdown.ts';
import { startMeteredCloud } from './lib/metered-cloud.ts';
import { combineMeters, type MeterCounts } from './lib/request-meter.ts';
import { percentile, significant } from './lib/stats.ts';

export interface LevelFigures {
  clients: number;
  requests: number;
  errors: number;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** From the first request to the last intake execution leaving RUNNING. */
  allWorkflowsDoneMs: number | null;
  stillRunning: number;
}

export interface EndToEndResults {
  count: number;
  floor: { requestsPerSecond: number; p50Ms: number; p99Ms: number };
  levels: LevelFigures[];
  /** Histories of the intake executions (and the kit-dispatch executions they started). */
  histories: { stateMachine: string; events: HistoryEvent[] }[];
  /** Counts through the meters over every request of every level (not the floor). */
  metered: MeterCounts;
  apiRequests: number;
  apiDurationsMs: number[];
  registerMemoryMb: number;
  functionMemoryMb: Record<string, number>;
}

const ROUTE = { method: 'POST', path: '/households' };
const WARM_UP = 8;

async function runLevel<T>(count: number, clients: number, job: (index: number) => Promise<T>) {
  const latencies: number[] = [];
  const results: T[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(clients, count) }, async () => {
      while (next < count) {
        const index = next++;
        const t = performance.now();
        results.push(await job(index));
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { latencies, results, seconds, started };
}

async function waitForExecutions(sfn: SFNClient, arns: string[], deadlineMs: number) {
  const pending = new Set(arns);
  while (pending.size > 0 && Date.now() < deadlineMs) {
    for (const arn of [...pending]) {
      const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: arn }));
      if (status !== 'RUNNING') pending.delete(arn);
    }
    if (pending.size > 0) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return pending.size;
}

export async function benchEndToEnd(options: {
  rootDir: string;
  assemblyDir: string;
  count: number;
  levels: number[];
}): Promise<EndToEndResults> {
  const metered = await startMeteredCloud({ ...options, dataDirPrefix: 'bench-e2e-' });
  const { cloud, dataDir, dynamo, s3, sfn } = metered;
  try {
    const api = cloud.model.httpApis[0];
    const route = api?.routes.find((r) => r.method === ROUTE.method && r.path === ROUTE.path);
    const register = cloud.model.functions.find((fn) => route?.functionArn?.endsWith(`:${fn.functionName}`));
    if (!route || !register) throw new Error('POST /households is not in the assembly');
    const identityDir = join(dataDir, 'identity');
    const issuer = readIssuers(identityDir)?.[0];
    if (!issuer) throw new Error('the local identity provider wrote no issuer');
    const token = await mintToken(await loadOrCreateSigningKey(identityDir), {
      issuer: issuer.issuer,
      clientId: issuer.clientIds[0]!,
      role: 'intake',
      username: 'bench-intake',
    });
    const run = letters(Date.now() % 100_000);
    const postHousehold = (batch: string, index: number) =>
      fetch(`${cloud.endpoints.api}/households`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(cohortHousehold(batch, index, 1)),
      });

    // The floor: the same bundle in this process, with the environment the runner would give it.
    // A variable, not a literal: the runner's endpoint list may grow (e.g. a Lambda Invoke API).
    const functionEndpoints = {
      dynamodb: dynamo.url,
      s3: s3.url,
      stepfunctions: cloud.endpoints.stepfunctions,
      lambda: cloud.endpoints.api,
    };
    Object.assign(process.env, lambdaEnvironment(register, cloud.endpoints.region, functionEndpoints));
    const module = (await import(pathToFileURL(register.modulePath).href)) as Record<
      string,
      (event: unknown, context: unknown) => Promise<{ statusCode: number; body: string }>
    >;
    const handler = module[register.handlerName];
    if (!handler) throw new Error(`${register.modulePath} exports no ${register.handlerName}`);
    const claims = claimsAsApiGatewayPassesThem(decodeJwt(token));
    const context = {
      functionName: register.functionName,
      awsRequestId: 'bench',
      getRemainingTimeInMillis: () => 10_000,
      callbackWaitsForEmptyEventLoop: false,
    };
    const floorArns: string[] = [];
    const callFloor = async (index: number) => {
      const event = buildEventV2(
        {
          method: 'POST',
          rawPath: '/households',
          rawQueryString: '',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: Buffer.from(JSON.stringify(cohortHousehold(`${run}f`, index, 1))),
          sourceIp: '127.0.0.1',
          time: new Date(),
        },
        {
          accountId: cloud.endpoints.account,
          apiId: 'bench',
          domainName: 'localhost',
          stage: '$default',
          route,
          pathParameters: {},
          jwt: { claims, scopes: null },
        },
      );
      const answer = await handler(event, context);
      if (answer.statusCode !== 202) throw new Error(`floor: ${answer.statusCode} ${answer.body}`);
      floorArns.push(String((JSON.parse(answer.body) as { executionArn: string }).executionArn));
    };
    // Warm-up, not measured: DynamoDB Local's JVM compiles its hot paths on the first requests,
    // and the workers load their bundles; the floor would otherwise pay for both.
    await runLevel(WARM_UP, 1, (index) => callFloor(options.count + index));
    await runLevel(WARM_UP, 1, async (index) => {
      const answer = (await (await postHousehold(`${run}w`, index)).json()) as { executionArn?: string };
      if (answer.executionArn) floorArns.push(answer.executionArn);
    });
    const floor = await runLevel(options.count, 1, callFloor);
    await waitForExecutions(sfn, floorArns, Date.now() + 60_000);
    dynamo.reset();
    s3.reset();

    const levels: LevelFigures[] = [];
    const intakeArns: string[] = [];
    const apiDurationsMs: number[] = [];
    for (const clients of options.levels) {
      let errors = 0;
      const arns: string[] = [];
      const level = await runLevel(options.count, clients, async (index) => {
        const response = await postHousehold(`${run}c${clients}`, index);
        const text = await response.text();
        if (response.status !== 202) {
          errors += 1;
          if (errors === 1) console.error(`  POST /households → ${response.status} ${text.slice(0, 300)}`);
          return;
        }
        arns.push(String((JSON.parse(text) as { executionArn: string }).executionArn));
      });
      const stillRunning = await waitForExecutions(sfn, arns, Date.now() + 90_000);
      const doneMs = performance.now() - level.started;
      apiDurationsMs.push(...level.latencies);
      intakeArns.push(...arns);
      levels.push({
        clients,
        requests: options.count,
        errors,
        requestsPerSecond: options.count / level.seconds,
        p50Ms: percentile(level.latencies, 50),
        p99Ms: percentile(level.latencies, 99),
        allWorkflowsDoneMs: stillRunning === 0 ? doneMs : null,
        stillRunning,
      });
    }
    // Give the kit-dispatch executions the intakes started time to reach their first wait.
    await new Promise((resolve) => setTimeout(resolve, 2000));
    const histories: EndToEndResults['histories'] = [];
    for (const arn of intakeArns) {
      const events = await getFullHistory(sfn, arn, { includeExecutionData: true });
      histories.push({ stateMachine: arn.split(':')[6] ?? 'intake', events });
      for (const event of events) {
        const nested = event.taskSucceededEventDetails?.output;
        const child = nested ? (JSON.parse(nested) as { ExecutionArn?: string }).ExecutionArn : undefined;
        if (event.taskSucceededEventDetails?.resourceType === 'states' && child) {
          histories.push({
            stateMachine: child.split(':')[6] ?? 'nested',
            events: await getFullHistory(sfn, child, { includeExecutionData: true }),
          });
        }
      }
    }
    return {
      count: options.count,
      floor: {
        requestsPerSecond: options.count / floor.seconds,
        p50Ms: percentile(floor.latencies, 50),
        p99Ms: percentile(floor.latencies, 99),
      },
      levels,
      histories,
      metered: combineMeters(dynamo.counts, s3.counts),
      apiRequests: intakeArns.length,
      apiDurationsMs,
      registerMemoryMb: register.memoryMb,
      functionMemoryMb: Object.fromEntries(cloud.model.functions.map((fn) => [fn.functionName, fn.memoryMb])),
    };
  } finally {
    await metered.stop();
  }
}

export function endToEndTable(results: EndToEndResults): Table {
  const floor = results.floor;
  return {
    title: `POST /households, ${results.count} requests per level`,
    headers: [
      'clients',
      'req/s',
      '× floor',
      'p50 ms',
      'p99 ms',
      'errors',
      'all intake workflows done ms',
      'still running',
    ],
    rows: [
      [
        'floor: handler in-process, 1 client',
        significant(floor.requestsPerSecond),
        1,
        significant(floor.p50Ms),
        significant(floor.p99Ms),
        0,
        null,
        null,
      ],
      ...results.levels.map((level) => [
        `${level.clients} (local runtime, HTTP)`,
        significant(level.requestsPerSecond),
        significant(level.requestsPerSecond / floor.requestsPerSecond, 2),
        significant(level.p50Ms),
        significant(level.p99Ms),
        level.errors,
        level.allWorkflowsDoneMs === null ? null : significant(level.allWorkflowsDoneMs),
        level.stillRunning,
      ]),
    ],
    notes: [
      'Local runtime started in the bench process on free ports with a temporary data directory (DynamoDB Local, S3 stand-in, durable engine, Lambda workers, HTTP API with JWT verification).',
      'The floor is the same synthesized bundle imported in this process and called with an API Gateway v2 event: no HTTP, no authorizer, no worker hop; it still writes to DynamoDB Local and starts a real execution.',
      '“All intake workflows done” runs from the first request of the level until DescribeExecution shows every intake execution of the level out of RUNNING.',
      `Before the floor: ${WARM_UP} unmeasured warm-up requests in-process and ${WARM_UP} over HTTP (JVM and worker warm-up).`,
      'Functions reach DynamoDB and S3 through counting proxies (counts in results.json; the cost bench runs its own scenario): one extra localhost hop per call, in the floor as in the levels.',
    ],
  };
}
