/**
 * Stands in for `@aws-lambda-powertools/jmespath` in the Lambda bundles (an esbuild alias set by
 * AppFunction; the type checker, unit tests and local tools keep the real package). Powertools
 * idempotency evaluates its `eventKeyJmesPath` and `payloadValidationJmesPath` with it, and ours
 * are single field names (functions/shared/idempotency/run-once.ts: `key`, `request`).
 *
 * Why: the real library is a full JMESPath lexer, parser and interpreter with its functions,
 * ≈ 24 KB of each idempotent function's bundle, in a 128 KB budget (issue 11).
 *
 * Any other expression throws on first use, never answers differently from the real library;
 * test/unit/bundling/jmespath.test.ts compares both on every expression functions/ configures.
 */

/** An unquoted JMESPath identifier: a field of the current object. */
const FIELD_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** An expression the stand-in does not evaluate (the real library would). */
export class UnsupportedJmesPathExpressionError extends Error {
  constructor(expression: string) {
    super(`JMESPath expression ${JSON.stringify(expression)} not supported in the bundles: field names only`);
    this.name = 'UnsupportedJmesPathExpressionError';
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The real `search` for a field name: the field's value, or null when absent or not an object. */
export function search(expression: string, data: unknown, _options?: unknown): unknown {
  if (!FIELD_NAME.test(expression)) throw new UnsupportedJmesPathExpressionError(expression);
  // `in`, as the real interpreter's field visitor does (it also finds inherited names).
  return isRecord(data) && expression in data ? data[expression] : null;
}
