/**
 * The engine with many executions stored: ListExecutions latency (in-process, over the Step
 * Functions API, and the operator console's JSON views) and the process's memory after inserting
 * them by running a one-state Pass machine. Run by bench/scale-main.ts in a process of its own,
 * so that its memory is the engine's and not what earlier benches left.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListExecutionsCommand, SFNClient } from '@aws-sdk/client-sfn';
import { createConsoleHandler } from '../local/console/index.ts';
import { createEngine, localSfnClientConfig, startEngineServer } from '../local/engine/index.ts';
import type { Table } from './lib/markdown.ts';
import { percentile, significant } from './lib/stats.ts';

export interface ScaleResults {
  executions: number;
  insertPerSecond: number;
  rssMbBefore: number;
  rssMbAfter: number;
  /** After the API and console queries too. */
  rssMbEnd: number;
  queries: { query: string; p50Ms: number; p95Ms: number; samples: number }[];
}

const rssMb = () => Math.round(process.memoryUsage().rss / 1024 / 1024);

export async function benchScale(options: { executions: number; samples: number }): Promise<ScaleResults> {
  const directory = mkdtempSync(join(tmpdir(), 'bench-scale-'));
  const engine = createEngine({ storePath: join(directory, 'engine.db') });
  try {
    const rssMbBefore = rssMb();
    const { stateMachineArn } = engine.createStateMachine({
      name: 'bench-pass',
      definition: JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Pass', End: true } } }),
      roleArn: 'arn:aws:iam::123456789012:role/bench',
    });
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: 200 }, async () => {
        while (next < options.executions) {
          next++;
          const { executionArn } = engine.startExecution({ stateMachineArn, input: '{}' });
          await engine.runtime.waitForExecution(executionArn);
        }
      }),
    );
    const insertPerSecond = options.executions / ((performance.now() - started) / 1000);
    global.gc?.();
    const rssMbAfter = rssMb();
    const timed = async (query: string, call: () => unknown) => {
      const samples: number[] = [];
      for (let i = 0; i < options.samples; i++) {
        const t = performance.now();
        await call();
        samples.push(performance.now() - t);
      }
      return {
        query,
        p50Ms: percentile(samples, 50),
        p95Ms: percentile(samples, 95),
        samples: samples.length,
      };
    };
    const firstPage = await engine.listExecutions({ stateMachineArn, maxResults: 100 });
    let deepToken = firstPage.nextToken;
    for (let page = 0; page < 50 && deepToken; page++) {
      deepToken = (await engine.listExecutions({ stateMachineArn, maxResults: 100, nextToken: deepToken }))
        .nextToken;
    }
    const queries: ScaleResults['queries'] = [
      await timed('ListExecutions, first page of 100', () =>
        engine.listExecutions({ stateMachineArn, maxResults: 100 }),
      ),
      await timed('ListExecutions, page 51 (nextToken)', () =>
        engine.listExecutions({
          stateMachineArn,
          maxResults: 100,
          ...(deepToken ? { nextToken: deepToken } : {}),
        }),
      ),
      await timed('ListExecutions, statusFilter FAILED (none match)', () =>
        engine.listExecutions({ stateMachineArn, maxResults: 100, statusFilter: 'FAILED' }),
      ),
      await timed('ListExecutions, statusFilter SUCCEEDED', () =>
        engine.listExecutions({ stateMachineArn, maxResults: 100, statusFilter: 'SUCCEEDED' }),
      ),
    ];
    const server = await startEngineServer({ engine, port: 0 });
    const sfn = new SFNClient(localSfnClientConfig(server.url));
    const consoleHandler = createConsoleHandler({
      sfnClient: sfn,
      // The bench is its own operator: the console's token check is not what is measured.
      verifyToken: async () => ({ sub: 'bench', 'cognito:groups': ['operator'] }),
      summaryCacheSeconds: 0,
    });
    const consoleServer = createServer(consoleHandler);
    await new Promise<void>((resolve) => consoleServer.listen(0, '127.0.0.1', resolve));
    const consoleUrl = `http://127.0.0.1:${(consoleServer.address() as AddressInfo).port}/console/api`;
    const getJson = async (path: string) => {
      const response = await fetch(`${consoleUrl}${path}`, { headers: { authorization: 'Bearer bench' } });
      if (response.status !== 200)
        throw new Error(`console ${path}: ${response.status} ${await response.text()}`);
      return response.json();
    };
    try {
      queries.push(
        await timed('SFN API over HTTP: ListExecutions, first page of 100', () =>
          sfn.send(new ListExecutionsCommand({ stateMachineArn, maxResults: 100 })),
        ),
        await timed('console JSON: /api/machines', () => getJson('/machines')),
        await timed('console JSON: /api/executions (first page)', () => getJson('/executions')),
        await timed('console JSON: /api/executions?status=FAILED', () =>
          getJson('/executions?status=FAILED'),
        ),
      );
    } finally {
      sfn.destroy();
      consoleServer.closeAllConnections();
      await new Promise((resolve) => consoleServer.close(resolve));
      await server.close();
    }
    const rssMbEnd = rssMb();
    return { executions: options.executions, insertPerSecond, rssMbBefore, rssMbAfter, rssMbEnd, queries };
  } finally {
    engine.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

export function scaleTable(results: ScaleResults): Table {
  return {
    title: `Engine with ${results.executions.toLocaleString('en')} executions stored`,
    headers: ['query', 'p50 ms', 'p95 ms', 'samples'],
    rows: results.queries.map((q) => [q.query, significant(q.p50Ms), significant(q.p95Ms), q.samples]),
    notes: [
      `Executions inserted by running a one-state Pass machine through the durable engine (SQLite WAL) at ${significant(results.insertPerSecond)} executions/s, 200 in flight.`,
      `RSS of the bench's own process (engine, its store, the API server and the console): ${results.rssMbBefore} MB at start, ${results.rssMbAfter} MB after the executions, ${results.rssMbEnd} MB after the queries.`,
      "In-process rows call the engine directly; the SFN API row goes through @aws-sdk/client-sfn over HTTP; the console rows are the operator console's JSON endpoints (local/console) over HTTP in front of that API, with its summary cache off.",
    ],
  };
}
