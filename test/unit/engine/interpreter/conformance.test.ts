import { describe, expect, it } from 'vitest';
import { loadCorpus, runCorpus } from '../../../conformance/corpus.ts';

/**
 * The ASL conformance corpus recorded against AWS. The threshold is the pass count reached so
 * far: a regression fails CI. A missing corpus fails loudly (loadCorpus throws).
 */
const PASS_THRESHOLD = 751;

describe('ASL conformance corpus', () => {
  it(`passes at least ${PASS_THRESHOLD} recorded AWS cases`, async () => {
    const cases = loadCorpus();
    expect(cases.length).toBeGreaterThanOrEqual(PASS_THRESHOLD);
    const outcomes = await runCorpus(cases);
    const failures = outcomes.filter((outcome) => !outcome.passed).map((o) => `${o.name}: ${o.reason}`);
    expect(outcomes.length - failures.length, failures.slice(0, 20).join('\n')).toBeGreaterThanOrEqual(
      PASS_THRESHOLD,
    );
  });
});
