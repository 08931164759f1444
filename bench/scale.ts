/**
 * The engine with many executions stored: ListExecutions latency (first page, a deep page, a status
 * filter) and the process's memory after inserting them by running a one-state Pass machine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createEngine } from '../local/engine/index.ts';
import type { Table } from './lib/markdown.ts';
import { percentile, significant } from './lib/stats.ts';

export interface ScaleResults {
  executions: number;
  insertPerSecond: number;
  rssMbBefore: number;
  rssMbAfter: number;
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
    const queries = [
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
    return { executions: options.executions, insertPerSecond, rssMbBefore, rssMbAfter, queries };
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
      `Bench process RSS: ${results.rssMbBefore} MB before, ${results.rssMbAfter} MB after the executions (the engine and its store run in this process).`,
      'Console JSON views (local/console) were not measured: they read through the same ListExecutions API.',
    ],
  };
}
