/**
 * Bulk intake: bench/bulk-intake.ts belongs to the bulk-intake engineer (a 10,000-row partner CSV to
 * its results report, against raw BatchWriteItem of the same rows). This runs it when it exists and
 * keeps what it prints; until then the bench reports "not measured".
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { BenchOutcome } from './benches.ts';
import { spawnTimed } from './lib/spawn-timed.ts';

export async function benchBulkIntake(options: { rootDir: string; quick: boolean }): Promise<BenchOutcome> {
  const script = join(options.rootDir, 'bench', 'bulk-intake.ts');
  if (!existsSync(script)) {
    return {
      status: 'not measured',
      tables: [
        {
          title: 'Bulk intake',
          headers: ['measure', 'value'],
          rows: [['10,000-row CSV to results report vs raw BatchWriteItem', null]],
          notes: ['Not measured: bench/bulk-intake.ts did not exist when this ran.'],
        },
      ],
      data: {},
    };
  }
  // Every row is a registration and an intake workflow on the local runtime (a few per second on
  // a shared 2-core machine): 10,000 rows take most of an hour, so `npm run bench` measures 1,000
  // and the full list stays one command away (`npx tsx bench/bulk-intake.ts`).
  const rows = options.quick ? ['--quick'] : ['--rows', '1000'];
  const run = await spawnTimed(process.execPath, ['--import', 'tsx', script, ...rows], {
    cwd: options.rootDir,
    timeoutMs: 900_000,
  });
  const output = run.stdout.trim().split('\n').filter(Boolean);
  return {
    status: run.code === 0 ? 'ok' : 'failed',
    tables: [
      {
        title: 'Bulk intake (bench/bulk-intake.ts output)',
        headers: ['line'],
        rows: output.map((line) => [line]),
        notes: [
          `Run as \`bench/bulk-intake.ts ${rows.join(' ')}\` (the bulk-intake engineer's bench); the 10,000-row list: \`npx tsx bench/bulk-intake.ts\`.`,
          ...(run.code === 0 ? [] : [`exited ${run.code}: ${run.stderr.slice(-400)}`]),
        ],
      },
    ],
    data: { output, ...(run.code === 0 ? {} : { error: run.stderr.slice(-400) }) },
  };
}
