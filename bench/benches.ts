import { join } from 'node:path';
import { benchBulkIntake } from './bulk.ts';
import { benchBundles, bundleTable } from './bundles.ts';
import { costFromRun } from './cost.ts';
import { runCostScenario } from './cost-run.ts';
import { costTables } from './cost-tables.ts';
import { benchEndToEnd, endToEndTable } from './end-to-end.ts';
import { benchEngine, engineTable, inFlightTable } from './engine-throughput.ts';
import type { Table } from './lib/markdown.ts';
import { spawnTimed } from './lib/spawn-timed.ts';
import { type ScaleResults, scaleTable } from './scale.ts';

export interface BenchContext {
  rootDir: string;
  assemblyDir: string;
  quick: boolean;
  /** What one bench measured that a later one may read. */
  shared: Record<string, unknown>;
}

export interface BenchOutcome {
  /** `not measured`: the subject does not exist yet (e.g. a bench another engineer is writing). */
  status: 'ok' | 'failed' | 'not measured';
  tables: Table[];
  data: Record<string, unknown>;
  measuredAt?: string;
  quick?: boolean;
  seconds?: number;
}

export interface Bench {
  name: string;
  run(context: BenchContext): Promise<BenchOutcome>;
}

/** The benches in the order `npm run bench` runs them. */
export const BENCHES: Bench[] = [
  {
    name: 'bundles',
    async run({ assemblyDir, quick }) {
      const results = await benchBundles({ assemblyDir, runs: quick ? 3 : 7 });
      return { status: 'ok', tables: [bundleTable(results)], data: { ...results } };
    },
  },
  {
    name: 'engine',
    async run({ rootDir, quick }) {
      const executions = quick ? 500 : 3000;
      // Seven alternating rounds: on a shared machine three medians still moved by a tenth between runs.
      const figures = await benchEngine({ rootDir, executions, rounds: quick ? 1 : 7, inFlight: 100 });
      const sweep = [];
      for (const inFlight of [10, 1000])
        sweep.push(await benchEngine({ rootDir, executions, rounds: quick ? 1 : 3, inFlight }));
      const byInFlight = [sweep[0]!, figures, sweep[1]!];
      return {
        status: 'ok',
        tables: [engineTable(figures), inFlightTable(byInFlight)],
        data: { ...figures, byInFlight },
      };
    },
  },
  {
    name: 'e2e',
    async run(context) {
      const results = await benchEndToEnd({
        rootDir: context.rootDir,
        assemblyDir: context.assemblyDir,
        count: context.quick ? 32 : 128,
        levels: [1, 8, 32],
      });
      context.shared['e2e'] = results;
      const { histories: _histories, apiDurationsMs: _durations, ...kept } = results;
      return { status: 'ok', tables: [endToEndTable(results)], data: { ...kept } };
    },
  },
  {
    name: 'bulk',
    run: ({ rootDir, quick }) => benchBulkIntake({ rootDir, quick }),
  },
  {
    name: 'cost',
    async run(context) {
      // Its own run: e2e only registers, the cost runs each household to a confirmed distribution.
      const run = await runCostScenario({
        rootDir: context.rootDir,
        assemblyDir: context.assemblyDir,
        households: context.quick ? 16 : 64,
        perSite: 16,
        warmUp: context.quick ? 4 : 8,
        stockOnHand: true,
      });
      const results = costFromRun(run);
      return { status: 'ok', tables: costTables(results), data: { ...results } };
    },
  },
  {
    name: 'scale',
    async run({ rootDir, quick }) {
      const run = await spawnTimed(
        process.execPath,
        [
          '--import',
          'tsx',
          join(rootDir, 'bench', 'scale-main.ts'),
          String(quick ? 10_000 : 100_000),
          String(quick ? 20 : 30),
        ],
        { cwd: rootDir },
      );
      if (run.code !== 0)
        throw new Error(`bench/scale-main.ts exited ${run.code}: ${run.stderr.slice(-600)}`);
      const results = JSON.parse(run.stdout) as ScaleResults;
      return { status: 'ok', tables: [scaleTable(results)], data: { ...results } };
    },
  },
];
