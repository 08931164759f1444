/**
 * The field-name JMESPath that the Lambda bundles carry instead of `@aws-lambda-powertools/jmespath`
 * (infra/constructs/bundling/jmespath) against the real library (the copy idempotency depends on),
 * on every expression functions/ gives Powertools idempotency, over envelopes and odd values.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PowertoolsFunctions as StandInFunctions } from '../../../infra/constructs/bundling/jmespath/functions.ts';
import {
  search as standInSearch,
  UnsupportedJmesPathExpressionError,
} from '../../../infra/constructs/bundling/jmespath/index.ts';
import { search as realSearch } from '../../../node_modules/@aws-lambda-powertools/idempotency/node_modules/@aws-lambda-powertools/jmespath/lib/esm/index.js';
import { PowertoolsFunctions as RealFunctions } from '../../../node_modules/@aws-lambda-powertools/idempotency/node_modules/@aws-lambda-powertools/jmespath/lib/esm/PowertoolsFunctions.js';

const functionsDir = fileURLToPath(new URL('../../../functions/', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** Every JMESPath expression an idempotency config in functions/ sets (string literals). */
function configuredExpressions(): string[] {
  const found = new Set<string>();
  for (const file of sourceFiles(functionsDir)) {
    const text = readFileSync(file, 'utf8');
    for (const match of text.matchAll(/(?:eventKeyJmesPath|payloadValidationJmesPath)\s*:\s*(\S[^,\n]*)/g)) {
      const literal = /^'([^']*)'$/.exec(match[1]!.trim());
      // A computed expression could not be checked here: fail so it gets a case.
      if (!literal) throw new Error(`${file}: JMESPath expression not a string literal: ${match[1]}`);
      found.add(literal[1]!);
    }
  }
  return [...found];
}

const options = { customFunctions: new RealFunctions() };
const CORPUS: unknown[] = [
  { key: 'route#abc', request: { householdId: '01J', items: [1, 2] } },
  { key: 'k', request: null },
  { key: '', request: '' },
  { key: 0, request: false },
  { request: { key: 'nested' } },
  {},
  { key: null },
  [],
  [{ key: 'in-array' }],
  null,
  'key',
  42,
  true,
  { constructor: 'own' },
];

describe('bundle stand-in for @aws-lambda-powertools/jmespath', () => {
  const expressions = configuredExpressions();

  it('finds the expressions functions/ configures', () => {
    expect(expressions.sort()).toEqual(['key', 'request']);
  });

  it('answers as the real library on each configured expression', () => {
    for (const expression of expressions) {
      for (const data of CORPUS) {
        expect(standInSearch(expression, data, options), `${expression} on ${JSON.stringify(data)}`).toEqual(
          realSearch(expression, data as never, options),
        );
      }
    }
  });

  it('answers as the real library on any JSON value', () => {
    fc.assert(
      fc.property(
        // Not `constructor` or `toString` as expressions: the real parser's cache is a plain object
        // and fails on them (`parse(...).search is not a function`).
        fc.constantFrom(...expressions, '_a1', 'Key'),
        fc.oneof(fc.jsonValue(), fc.record({ key: fc.jsonValue(), request: fc.jsonValue() })),
        (expression, data) => {
          expect(standInSearch(expression, data)).toEqual(realSearch(expression, data as never));
        },
      ),
    );
  });

  it('throws on any other expression rather than answering differently', () => {
    for (const expression of [
      'a.b',
      'request.body',
      'powertools_json(body)',
      '"key"',
      '[0]',
      '*',
      '',
      'a b',
      '@',
    ]) {
      expect(() => standInSearch(expression, { a: { b: 1 } })).toThrow(UnsupportedJmesPathExpressionError);
    }
  });

  it('gives idempotency a PowertoolsFunctions class to build and compare', () => {
    expect(new StandInFunctions().constructor).toBe(StandInFunctions);
  });
});
