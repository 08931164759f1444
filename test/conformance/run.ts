import { loadCorpus, runCorpus } from './corpus.ts';

/**
 * `npm run conformance [-- --verbose] [-- --filter <text>]`: runs the ASL corpus against the
 * interpreter and ends with `conformance: <passed>/<total> passed`.
 */
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const filterIndex = args.indexOf('--filter');
const filter = filterIndex >= 0 ? args[filterIndex + 1] : undefined;

const cases = loadCorpus().filter((testCase) => !filter || testCase.name.includes(filter));
const started = performance.now();
const outcomes = await runCorpus(cases);
const elapsed = performance.now() - started;
const failures = outcomes.filter((outcome) => !outcome.passed);
if (verbose) {
  for (const failure of failures) console.log(`FAIL ${failure.name}\n     ${failure.reason}`);
}
const loose = outcomes.filter((outcome) => outcome.looseCause).length;
console.log(`(${loose} passed with a loosely matched cause; ${elapsed.toFixed(0)} ms)`);
console.log(`conformance: ${outcomes.length - failures.length}/${outcomes.length} passed`);
