import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ExecutionResult } from '#engine/contract.ts';
import { runExecution } from '#engine/interpreter/index.ts';
import { createMemoryEffects } from '#engine/memory-effects.ts';

/**
 * The ASL conformance corpus (recorded against AWS): loading, running each case with in-memory
 * effects and virtual time, and comparing as the corpus README says (outputs as JSON values,
 * error names exactly, causes loosely).
 */

export interface ConformanceCase {
  name: string;
  definition: Record<string, unknown>;
  input: unknown;
  expected: { status: 'SUCCEEDED'; output: unknown } | { status: 'FAILED'; error?: string; cause?: string };
}

export interface CaseOutcome {
  name: string;
  passed: boolean;
  /** Set when the cause matched only loosely (same substance, different wording). */
  looseCause?: boolean;
  reason?: string;
}

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export function corpusDirectory(): string {
  return process.env['ASL_CONFORMANCE_DIR'] ?? path.resolve(repoRoot, '../shared/asl-conformance/cases');
}

/** Throws when the corpus is missing: a missing oracle must fail, never pass silently. */
export function loadCorpus(directory = corpusDirectory()): ConformanceCase[] {
  if (!statSync(directory, { throwIfNoEntry: false })?.isDirectory()) {
    throw new Error(`ASL conformance corpus not found at ${directory} (set ASL_CONFORMANCE_DIR)`);
  }
  const files = readdirSync(directory)
    .filter((file) => file.endsWith('.json'))
    .sort();
  if (files.length === 0) throw new Error(`ASL conformance corpus at ${directory} has no cases`);
  return files.map((file) => JSON.parse(readFileSync(path.join(directory, file), 'utf8')) as ConformanceCase);
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => {
    if (item && typeof item === 'object' && !Array.isArray(item)) {
      return Object.fromEntries(
        Object.keys(item)
          .sort()
          .map((key) => [key, (item as Record<string, unknown>)[key]]),
      );
    }
    return item;
  });
}

const STATE_PREFIX =
  /^An error occurred while executing the state '[^']*' \(entered at the event id #\d+\)\. /;

/** Loose cause comparison: same text once AWS's "while executing the state" prefix is set aside. */
function causesMatch(expected: string, actual: string | undefined): 'exact' | 'loose' | false {
  if (actual === expected) return 'exact';
  if (actual === undefined) return false;
  const strip = (text: string) => text.replace(STATE_PREFIX, '').trim();
  return strip(expected) === strip(actual) ? 'loose' : false;
}

export function compareOutcome(testCase: ConformanceCase, result: ExecutionResult): CaseOutcome {
  const { name, expected } = testCase;
  const fail = (reason: string): CaseOutcome => ({ name, passed: false, reason });
  if (result.status !== expected.status) {
    const detail =
      result.status === 'FAILED'
        ? `${result.error ?? ''}: ${result.cause ?? ''}`
        : result.status === 'SUCCEEDED'
          ? JSON.stringify(result.output)
          : '';
    return fail(`status ${result.status} (expected ${expected.status}) ${detail}`.slice(0, 600));
  }
  if (expected.status === 'SUCCEEDED' && result.status === 'SUCCEEDED') {
    const actualText = canonical(result.output);
    const expectedText = canonical(expected.output);
    if (actualText !== expectedText) {
      return fail(`output ${actualText.slice(0, 300)} expected ${expectedText.slice(0, 300)}`);
    }
    return { name, passed: true };
  }
  if (expected.status === 'FAILED' && result.status === 'FAILED') {
    if (expected.error !== result.error)
      return fail(`error ${result.error} expected ${expected.error} (${result.cause})`);
    if (expected.cause === undefined) {
      return result.cause === undefined
        ? { name, passed: true }
        : fail(`cause ${result.cause} expected none`);
    }
    const match = causesMatch(expected.cause, result.cause);
    if (!match) return fail(`cause ${result.cause} expected ${expected.cause}`);
    return match === 'loose' ? { name, passed: true, looseCause: true } : { name, passed: true };
  }
  return fail('unexpected status');
}

export async function runCase(testCase: ConformanceCase): Promise<CaseOutcome> {
  const effects = createMemoryEffects();
  const region = 'us-east-1';
  const account = '111111111111';
  try {
    const result = await runExecution({
      definition: testCase.definition,
      input: testCase.input,
      execution: {
        Id: `arn:aws:states:${region}:${account}:execution:conformance:${testCase.name.slice(0, 60)}`,
        Name: testCase.name.slice(0, 80),
        RoleArn: `arn:aws:iam::${account}:role/conformance`,
        StartTime: new Date(effects.clock()).toISOString(),
        RedriveCount: 0,
        Input: testCase.input,
      },
      stateMachine: {
        Id: `arn:aws:states:${region}:${account}:stateMachine:conformance`,
        Name: 'conformance',
      },
      effects,
    });
    return compareOutcome(testCase, result);
  } catch (error) {
    return {
      name: testCase.name,
      passed: false,
      reason: `threw ${error instanceof Error ? error.stack : String(error)}`,
    };
  }
}

export async function runCorpus(cases: ConformanceCase[]): Promise<CaseOutcome[]> {
  const outcomes: CaseOutcome[] = [];
  for (const testCase of cases) outcomes.push(await runCase(testCase));
  return outcomes;
}
