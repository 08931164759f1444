/**
 * `npm run bench` runs every benchmark; `npm run bench -- bundles e2e` runs some; `--quick` uses
 * smaller counts. Writes bench/results.json and the tables of docs/BENCHMARKS.md (the sections of
 * benches not run this time are kept from results.json, marked with the date they were measured).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BENCHES, type BenchContext, type BenchOutcome } from './benches.ts';
import { machineInfo } from './lib/machine.ts';
import { renderReport } from './report.ts';

const rootDir = fileURLToPath(new URL('../', import.meta.url));
const resultsPath = join(rootDir, 'bench', 'results.json');
const reportPath = join(rootDir, 'docs', 'BENCHMARKS.md');

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const names = args.filter((arg) => !arg.startsWith('--'));
const unknown = names.filter((name) => !BENCHES.some((bench) => bench.name === name));
if (unknown.length > 0) {
  console.error(
    `unknown bench: ${unknown.join(', ')}; known: ${BENCHES.map((bench) => bench.name).join(', ')}`,
  );
  process.exit(2);
}
const selected = names.length > 0 ? BENCHES.filter((bench) => names.includes(bench.name)) : BENCHES;

type Results = { machine: ReturnType<typeof machineInfo>; benches: Record<string, BenchOutcome> };
const previous: Results | undefined = existsSync(resultsPath)
  ? (JSON.parse(readFileSync(resultsPath, 'utf8')) as Results)
  : undefined;
const results: Results = { machine: machineInfo(), benches: { ...previous?.benches } };
const context: BenchContext = { rootDir, assemblyDir: join(rootDir, 'cdk.out'), quick, shared: {} };

for (const bench of selected) {
  const started = performance.now();
  console.log(`▶ ${bench.name}${quick ? ' (quick)' : ''}`);
  let outcome: BenchOutcome;
  try {
    outcome = await bench.run(context);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    console.error(message);
    outcome = { status: 'failed', tables: [], data: { error: message.split('\n')[0] } };
  }
  outcome.measuredAt = new Date().toISOString();
  outcome.quick = quick;
  outcome.seconds = Math.round((performance.now() - started) / 1000);
  results.benches[bench.name] = outcome;
  console.log(`  ${outcome.status} in ${outcome.seconds} s`);
  // Written after each bench so a later failure keeps what was measured.
  writeFileSync(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
  writeFileSync(
    reportPath,
    renderReport(
      results.machine,
      results.benches,
      BENCHES.map((b) => b.name),
    ),
  );
}
console.log(`wrote ${resultsPath} and ${reportPath}`);
// Local services (DynamoDB Local's JVM, workers) are stopped by the benches; nothing else should hold the loop.
process.exit(0);
