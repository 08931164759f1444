/**
 * Every route schema of the API (functions/schemas ROUTES) under random and hostile input:
 * validation never throws, refuses with a field message in French and English, refuses
 * prototype-pollution keys, oversized strings and deep nesting, and pollutes nothing.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type * as z from 'zod';
import { formatIssues } from '../../../functions/schemas/format-issues.ts';
import { ROUTES } from '../../../functions/schemas/routes.ts';
import { validate } from '../../../functions/schemas/validate.ts';

const BODY_ROUTES = ROUTES.filter((route) => route.body !== undefined && route.path !== '/kobo/submissions');
const FORMULA = "=cmd|' /C calc'!A0";

const hostileLeaf = fc.oneof(
  fc.string(),
  fc.constantFrom(FORMULA, '__proto__', '\u0000', '\ud800', 'x'.repeat(100_000), '+SUM(1)', '@A1'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const hostileValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    hostileLeaf,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.oneof(fc.string(), fc.constantFrom('__proto__', 'constructor', 'prototype')),
      tie('value'),
      {
        maxKeys: 4,
      },
    ),
  ),
})).value;

/** A body as JSON.parse would hand it over: `__proto__` becomes an own key, as from the wire. */
const fromWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value) ?? 'null');

function refusedWithMessages(schema: z.ZodType, input: unknown): boolean {
  const result = validate(schema, input);
  if (result.success) return false;
  for (const lang of ['fr', 'en'] as const) {
    const issues = formatIssues(result.error, lang);
    if (
      issues.length === 0 ||
      issues.some((issue) => typeof issue.message !== 'string' || !issue.message.trim())
    )
      return false;
  }
  return true;
}

const nested = (depth: number): unknown => {
  let value: unknown = { leaf: FORMULA };
  for (let i = 0; i < depth; i += 1) value = { nested: value };
  return value;
};

describe('route schemas under hostile input', () => {
  it('covers the routes that take a body', () => {
    expect(BODY_ROUTES.length).toBeGreaterThan(10);
  });

  for (const route of BODY_ROUTES) {
    const schema = route.body!;
    describe(`${route.method.toUpperCase()} ${route.path}`, () => {
      it('never throws on any JSON value, and a refusal names fields in French and English', () => {
        fc.assert(
          fc.property(hostileValue, (value) => {
            const input = fromWire(value);
            const result = validate(schema, input);
            return result.success || refusedWithMessages(schema, input);
          }),
          { numRuns: 150 },
        );
      });

      it('refuses prototype-pollution keys at the top level, and pollutes nothing', () => {
        for (const key of ['__proto__', 'constructor', 'prototype']) {
          const input = JSON.parse(`{"${key}":{"polluted":true}}`);
          expect(refusedWithMessages(schema, input)).toBe(true);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      });

      it('refuses wrong types, deep nesting and a huge string as the whole body', () => {
        for (const input of [null, 42, 'body', [], [{}], nested(2_000), 'x'.repeat(1_000_000), FORMULA])
          expect(refusedWithMessages(schema, input)).toBe(true);
      });
    });
  }
});
