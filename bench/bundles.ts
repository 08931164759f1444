/**
 * Bundle size and cold start of every function in cdk.out, next to an empty handler measured in
 * the same run. Cold start here is a fresh Node process (the runtime's own `process.execPath`)
 * that imports the bundle with `--enable-source-maps`, as Lambda does with the NODE_OPTIONS the
 * app sets; the figure is spawn-to-exit, because an empty import takes well under a millisecond
 * and the process start is what both share. The import alone is reported beside it.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type AssemblyFunction, assemblyFunctions } from './lib/assembly.ts';
import { kilobytes, type Table } from './lib/markdown.ts';
import { spawnTimed } from './lib/spawn-timed.ts';
import { median, significant } from './lib/stats.ts';

export const TARGETS = { bundleBytes: 512 * 1024, staffBundleBytes: 128 * 1024, coldStartRatio: 3 };

export interface FunctionFigures {
  function: string;
  routes: string[];
  staffPath: boolean;
  bundleBytes: number;
  /** Median spawn-to-exit of a fresh process importing the bundle. */
  processMs: number;
  /** Median time of the `import()` alone inside that process. */
  importMs: number;
  /** processMs over the empty handler's. */
  ratio: number;
  /** `staffSize` is null off the staff request path, where the 128 KB budget does not apply. */
  pass: { size: boolean; staffSize: boolean | null; coldStart: boolean };
}

export interface BundleResults {
  runs: number;
  emptyHandler: { processMs: number; importMs: number };
  functions: FunctionFigures[];
  failures: string[];
}

const PROBE = `const t = performance.now();
const m = await import(process.env.BENCH_MODULE);
const ms = performance.now() - t;
if (typeof m[process.env.BENCH_HANDLER] !== 'function') { console.error('no handler export'); process.exit(3); }
process.stdout.write(String(ms));`;

async function importOnce(modulePath: string, handlerName: string, environment: Record<string, string>) {
  const run = await spawnTimed(
    process.execPath,
    ['--enable-source-maps', '--input-type=module', '-e', PROBE],
    {
      env: {
        PATH: process.env['PATH'] ?? '',
        AWS_REGION: 'us-east-1',
        AWS_DEFAULT_REGION: 'us-east-1',
        AWS_ACCESS_KEY_ID: 'bench',
        AWS_SECRET_ACCESS_KEY: 'bench',
        AWS_LAMBDA_FUNCTION_NAME: 'bench',
        AWS_LAMBDA_FUNCTION_MEMORY_SIZE: '512',
        ...environment,
        NODE_OPTIONS: '',
        BENCH_MODULE: pathToFileURL(modulePath).href,
        BENCH_HANDLER: handlerName,
      },
    },
  );
  if (run.code !== 0) throw new Error(`import failed (${run.code}): ${run.stderr.trim().split('\n').at(-1)}`);
  return { processMs: run.wallMs, importMs: Number(run.stdout) };
}

export async function benchBundles(options: { assemblyDir: string; runs: number }): Promise<BundleResults> {
  const functions = assemblyFunctions(options.assemblyDir);
  const scratch = mkdtempSync(join(tmpdir(), 'bench-empty-'));
  const emptyPath = join(scratch, 'index.mjs');
  writeFileSync(emptyPath, 'export const handler = async () => ({ statusCode: 200 });\n');
  const samples = new Map<string, { processMs: number[]; importMs: number[] }>();
  const failures: string[] = [];
  const subjects: { key: string; path: string; environment: Record<string, string> }[] = [
    { key: '(empty handler)', path: emptyPath, environment: {} },
    ...functions.map((fn) => ({ key: fn.constructId, path: fn.bundlePath, environment: fn.environment })),
  ];
  try {
    // Rounds interleave every subject, so a burst of load elsewhere on the machine hits all alike.
    for (let round = 0; round < options.runs; round++) {
      for (const subject of subjects) {
        if (failures.some((failure) => failure.startsWith(`${subject.key}:`))) continue;
        try {
          const figures = await importOnce(subject.path, 'handler', subject.environment);
          const kept = samples.get(subject.key) ?? { processMs: [], importMs: [] };
          kept.processMs.push(figures.processMs);
          kept.importMs.push(figures.importMs);
          samples.set(subject.key, kept);
        } catch (error) {
          failures.push(`${subject.key}: ${(error as Error).message}`);
        }
      }
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  const empty = samples.get('(empty handler)');
  if (!empty) throw new Error(`the empty handler did not import: ${failures.join('; ')}`);
  const emptyHandler = { processMs: median(empty.processMs), importMs: median(empty.importMs) };
  return {
    runs: options.runs,
    emptyHandler,
    functions: functions.flatMap((fn) => {
      const kept = samples.get(fn.constructId);
      return kept ? [figuresOf(fn, kept, emptyHandler.processMs)] : [];
    }),
    failures,
  };
}

function figuresOf(
  fn: AssemblyFunction,
  kept: { processMs: number[]; importMs: number[] },
  emptyProcessMs: number,
): FunctionFigures {
  const processMs = median(kept.processMs);
  const ratio = processMs / emptyProcessMs;

  return {
    function: fn.constructId,
    routes: fn.routes,
    staffPath: fn.staffPath,
    bundleBytes: fn.bundleBytes,
    processMs,
    importMs: median(kept.importMs),
    ratio,
    pass: {
      size: fn.bundleBytes < TARGETS.bundleBytes,
      staffSize: fn.staffPath ? fn.bundleBytes < TARGETS.staffBundleBytes : null,
      coldStart: ratio <= TARGETS.coldStartRatio,
    },
  };
}

export function bundleTable(results: BundleResults): Table {
  const mark = (ok: boolean | null) => (ok === null ? '' : ok ? 'pass' : 'FAIL');
  const staff = results.functions.filter((fn) => fn.staffPath);
  const staffPass = staff.filter((fn) => fn.pass.staffSize).length;
  const sizePass = results.functions.filter((fn) => fn.pass.size).length;
  const coldPass = results.functions.filter((fn) => fn.pass.coldStart).length;
  return {
    title: 'Bundle size and cold start',
    headers: [
      'function',
      'staff path',
      'bundle KB',
      '< 512 KB',
      '< 128 KB (staff)',
      'cold process ms',
      'import ms',
      '× empty',
      'cold start',
    ],
    rows: [
      [
        '(empty handler)',
        '',
        0,
        '',
        '',
        significant(results.emptyHandler.processMs),
        significant(results.emptyHandler.importMs),
        1,
        '',
      ],
      ...results.functions.map((fn) => [
        fn.function,
        fn.staffPath ? 'yes' : '',
        kilobytes(fn.bundleBytes),
        mark(fn.pass.size),
        mark(fn.pass.staffSize),
        significant(fn.processMs),
        significant(fn.importMs),
        significant(fn.ratio, 2),
        mark(fn.pass.coldStart),
      ]),
    ],
    notes: [
      `Median of ${results.runs} fresh processes per function (\`process.execPath --enable-source-maps\`, spawn to exit), rounds interleaved.`,
      `Targets: bundle (index.mjs, without the map) < 512 KB, < 128 KB on the staff request path; cold process within ${TARGETS.coldStartRatio}× the empty handler.`,
      `Under 512 KB: ${sizePass}/${results.functions.length}. Staff request path under 128 KB: ${staffPass}/${staff.length}. Cold start within ${TARGETS.coldStartRatio}×: ${coldPass}/${results.functions.length}.`,
      ...results.failures.map((failure) => `Did not import: ${failure}`),
    ],
  };
}
