import { resolveReference } from './data-flow.ts';
import { runtimeError } from './errors.ts';
import type { StateVisit } from './execution-run.ts';
import { isPlainPathPresent, PathNotFoundError } from './json-path.ts';
import { isObject } from './json-values.ts';

/** JSONPath Choice rules: comparisons on `Variable`, `And`/`Or`/`Not`, the `Is*` tests. */

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

type Comparison = (actual: unknown, expected: unknown) => boolean;

function compareStrings(test: (order: number) => boolean): Comparison {
  return (a, b) => typeof a === 'string' && typeof b === 'string' && test(a < b ? -1 : a > b ? 1 : 0);
}

function compareNumbers(test: (order: number) => boolean): Comparison {
  return (a, b) => typeof a === 'number' && typeof b === 'number' && test(a < b ? -1 : a > b ? 1 : 0);
}

function timestampMillis(value: unknown): number | null {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return null;
  const millis = Date.parse(value);
  return Number.isNaN(millis) ? null : millis;
}

function compareTimestamps(test: (order: number) => boolean): Comparison {
  return (a, b) => {
    const x = timestampMillis(a);
    const y = timestampMillis(b);
    return x !== null && y !== null && test(x < y ? -1 : x > y ? 1 : 0);
  };
}

function stringMatches(actual: unknown, pattern: unknown): boolean {
  if (typeof actual !== 'string' || typeof pattern !== 'string') return false;
  return wildcardPattern(pattern).test(actual);
}

/** `*` matches any run of characters, `\\*` a star. */
function wildcardPattern(pattern: string): RegExp {
  let regex = '';
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i]!;
    if (char === '\\' && i + 1 < pattern.length) {
      regex += escapeRegex(pattern[i + 1]!);
      i++;
    } else if (char === '*') {
      regex += '.*';
    } else {
      regex += escapeRegex(char);
    }
  }
  return new RegExp(`^${regex}$`, 's');
}

function escapeRegex(char: string): string {
  return char.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

const eq = (o: number) => o === 0;
const lt = (o: number) => o < 0;
const gt = (o: number) => o > 0;
const le = (o: number) => o <= 0;
const ge = (o: number) => o >= 0;

const COMPARISONS: Record<string, Comparison> = {
  StringEquals: compareStrings(eq),
  StringLessThan: compareStrings(lt),
  StringGreaterThan: compareStrings(gt),
  StringLessThanEquals: compareStrings(le),
  StringGreaterThanEquals: compareStrings(ge),
  StringMatches: stringMatches,
  NumericEquals: compareNumbers(eq),
  NumericLessThan: compareNumbers(lt),
  NumericGreaterThan: compareNumbers(gt),
  NumericLessThanEquals: compareNumbers(le),
  NumericGreaterThanEquals: compareNumbers(ge),
  BooleanEquals: (a, b) => typeof a === 'boolean' && a === b,
  TimestampEquals: compareTimestamps(eq),
  TimestampLessThan: compareTimestamps(lt),
  TimestampGreaterThan: compareTimestamps(gt),
  TimestampLessThanEquals: compareTimestamps(le),
  TimestampGreaterThanEquals: compareTimestamps(ge),
};

const TYPE_TESTS: Record<string, (value: unknown) => boolean> = {
  IsNull: (v) => v === null,
  IsBoolean: (v) => typeof v === 'boolean',
  IsNumeric: (v) => typeof v === 'number',
  IsString: (v) => typeof v === 'string',
  IsTimestamp: (v) => timestampMillis(v) !== null,
};

const TYPE_TEST_NAMES = Object.keys(TYPE_TESTS);

type CompiledRule = (visit: StateVisit, input: unknown) => boolean;

/**
 * Each rule is compiled once: which test applies depends on the rule alone, and working it out
 * on every evaluation (operator lookups, a scan of the rule's keys, a RegExp for StringMatches)
 * cost more than the test. Compiling is lazy and throws nothing of its own, so a malformed rule
 * fails when it is evaluated, as before.
 */
const compiledRules = new WeakMap<object, CompiledRule>();

export function evaluateChoiceRule(
  visit: StateVisit,
  rule: Record<string, unknown>,
  input: unknown,
): boolean {
  let compiled = compiledRules.get(rule);
  if (!compiled) {
    compiled = compileRule(rule);
    compiledRules.set(rule, compiled);
  }
  return compiled(visit, input);
}

function compileRule(rule: Record<string, unknown>): CompiledRule {
  if (Array.isArray(rule['And'])) {
    const rules = rule['And'] as Record<string, unknown>[];
    return (visit, input) => rules.every((r) => evaluateChoiceRule(visit, r, input));
  }
  if (Array.isArray(rule['Or'])) {
    const rules = rule['Or'] as Record<string, unknown>[];
    return (visit, input) => rules.some((r) => evaluateChoiceRule(visit, r, input));
  }
  if (isObject(rule['Not'])) {
    const inner = rule['Not'];
    return (visit, input) => !evaluateChoiceRule(visit, inner, input);
  }

  const variablePath = rule['Variable'] as string;
  if ('IsPresent' in rule) {
    const expected = rule['IsPresent'];
    const inputPath =
      typeof variablePath === 'string' &&
      (variablePath === '$' || variablePath.startsWith('$.') || variablePath.startsWith('$['));
    return (visit, input) => {
      // A plain path into the input is looked up without an error to catch (see isPlainPathPresent).
      const plain = inputPath ? isPlainPathPresent(variablePath, input) : undefined;
      if (plain !== undefined) return plain === expected;
      let present = true;
      try {
        resolveReference(visit, variablePath, input);
      } catch (error) {
        if (!(error instanceof PathNotFoundError)) throw error;
        present = false;
      }
      return present === expected;
    };
  }
  const typeTest = TYPE_TEST_NAMES.find((operator) => operator in rule);
  if (typeTest !== undefined) {
    const test = TYPE_TESTS[typeTest]!;
    const expected = rule[typeTest];
    return (visit, input) => test(readVariable(visit, variablePath, input)) === expected;
  }
  for (const key of Object.keys(rule)) {
    const pathOperator = key.endsWith('Path') ? key.slice(0, -4) : undefined;
    const comparison = COMPARISONS[pathOperator ?? key];
    if (!comparison) continue;
    const expected = rule[key];
    if (pathOperator) {
      return (visit, input) => {
        const actual = readVariable(visit, variablePath, input);
        return comparison(actual, readVariable(visit, expected as string, input));
      };
    }
    if (key === 'StringMatches' && typeof expected === 'string') {
      const pattern = wildcardPattern(expected);
      return (visit, input) => {
        const actual = readVariable(visit, variablePath, input);
        return typeof actual === 'string' && pattern.test(actual);
      };
    }
    return (visit, input) => comparison(readVariable(visit, variablePath, input), expected);
  }
  return (visit, input) => {
    readVariable(visit, variablePath, input);
    throw runtimeError(visit.name, visit.enteredEventId, `Unsupported choice rule: ${JSON.stringify(rule)}`);
  };
}

function readVariable(visit: StateVisit, path: string, input: unknown): unknown {
  try {
    return resolveReference(visit, path, input);
  } catch (error) {
    if (error instanceof PathNotFoundError) {
      throw runtimeError(
        visit.name,
        visit.enteredEventId,
        `Invalid path '${path}': The choice state's condition path references an invalid value.`,
      );
    }
    throw error;
  }
}
