import { describe, expect, it } from 'vitest';
import type { ExecutionResult } from '../../../local/engine/contract.ts';
import { createEngine, createVirtualClock } from '../../../local/engine/index.ts';
import { compareOutcome, loadCorpus } from '../../conformance/corpus.ts';
import { roleArn } from './sfn-client.ts';

/**
 * The ASL corpus recorded against AWS, run through the durable runtime (SQLite store, journal,
 * virtual-time timers) instead of in-memory effects: the same answers prove the effects agree.
 */
describe('conformance corpus through the durable runtime', () => {
  it('gives AWS answers for every case', async () => {
    const clock = createVirtualClock();
    const engine = createEngine({ storePath: ':memory:', clock });
    const cases = loadCorpus();
    const failures: string[] = [];
    const statuses: Record<string, number> = {};
    for (const [index, testCase] of cases.entries()) {
      const { stateMachineArn } = engine.createStateMachine({
        name: `case-${index}`,
        definition: JSON.stringify(testCase.definition),
        roleArn,
      });
      const { executionArn } = engine.startExecution({
        stateMachineArn,
        input: JSON.stringify(testCase.input),
      });
      let described = engine.describeExecution({ executionArn });
      for (let turn = 0; described.status === 'RUNNING' && turn < 1000; turn++) {
        await clock.advance(3_600_000);
        described = engine.describeExecution({ executionArn });
      }
      const result: ExecutionResult =
        described.status === 'SUCCEEDED'
          ? { status: 'SUCCEEDED', output: JSON.parse(described.output!) }
          : described.status === 'FAILED'
            ? {
                status: 'FAILED',
                ...(described.error !== undefined && { error: described.error }),
                ...(described.cause !== undefined && { cause: described.cause }),
              }
            : { status: 'ABORTED' };
      statuses[described.status] = (statuses[described.status] ?? 0) + 1;
      const outcome = compareOutcome(testCase, result);
      if (!outcome.passed) failures.push(`${testCase.name}: ${outcome.reason}`);
    }
    engine.close();
    expect(failures).toEqual([]);
    expect(cases.length).toBeGreaterThan(700);
    // As the corpus README counts them.
    expect(statuses).toEqual({ SUCCEEDED: 696, FAILED: 55 });
  }, 300_000);
});
