import { isDeepStrictEqual } from 'node:util';
import fc from 'fast-check';
import jsonata from 'jsonata';
import { describe, expect, it } from 'vitest';
import { evaluatePlainExpression, NOT_PLAIN } from '#engine/interpreter/jsonata-plain.ts';
import { execute } from './run-helper.ts';

describe('JSONata plain expressions', () => {
  it('reads paths as the jsonata library does whenever it answers', async () => {
    const step = fc.constantFrom('a', 'b', 'Payload', 'and', 'null', 'x_1');
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.jsonValue({ maxDepth: 4 }),
        fc.array(step, { maxLength: 4 }),
        async (value, steps) => {
          const bindings = { v: value, states: { input: value } };
          for (const text of [
            `$v${steps.map((s) => `.${s}`).join('')}`,
            `$states.input.${steps.join('.')}`,
          ]) {
            const quick = evaluatePlainExpression(text, bindings);
            if (quick === NOT_PLAIN) continue;
            answered++;
            const library = await jsonata(text).evaluate(undefined, bindings);
            expect(isDeepStrictEqual(quick, library), text).toBe(true);
            if (typeof library === 'object' && library !== null) expect(quick).toBe(library);
          }
        },
      ),
      { numRuns: 400 },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it('joins strings and compares scalars as the jsonata library does whenever it answers', async () => {
    const operand = fc.oneof(
      fc.constantFrom(
        "'HH#'",
        '"x"',
        "''",
        `"a'b"`,
        "'&'",
        '$v',
        '$v.a',
        '$states.input.b',
        '$missing',
        '$n',
        '$t',
        '$s',
      ),
      fc.string({ maxLength: 4 }).map((text) => `'${text.replace(/['\\]/g, '')}'`),
    );
    const operator = fc.constantFrom(' & ', '&', ' = ', '!=', ' ', '.', '[0]', ' and ');
    const expression = fc
      .tuple(operand, fc.array(fc.tuple(operator, operand), { maxLength: 3 }))
      .map(([first, rest]) => first + rest.map(([op, next]) => op + next).join(''));
    let answered = 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), expression, async (value, text) => {
        const bindings = { v: value, states: { input: value }, n: 42, t: true, s: 'HH#' };
        const quick = evaluatePlainExpression(text, bindings);
        if (quick === NOT_PLAIN) return;
        answered++;
        const library = await jsonata(text).evaluate(undefined, bindings);
        expect(isDeepStrictEqual(quick, library), text).toBe(true);
      }),
      { numRuns: 1000 },
    );
    expect(answered).toBeGreaterThan(0);
  });

  it('steps aside for arrays, missing fields, functions and anything but a plain expression', () => {
    const bindings = { list: [{ a: 1 }], item: { a: 1 }, fn: () => 1, empty: {} };
    for (const text of [
      '$list.a',
      '$list',
      '$empty.a',
      '$fn',
      '$item.a + 1',
      '$missing',
      '$',
      '$item.true',
      "'n' & $item.a",
      "$item = 'x'",
      "'a' & 'b' = 'ab'",
      "'a\\'b' & 'c'",
      '$item.a = 1',
    ]) {
      expect(evaluatePlainExpression(text, bindings), text).toBe(NOT_PLAIN);
    }
    expect(evaluatePlainExpression('$item.a', bindings)).toBe(1);
    expect(evaluatePlainExpression("'HH#' & $name & '#' & $name", { name: 'h-1' })).toBe('HH#h-1#h-1');
    expect(evaluatePlainExpression("$name != 'h-1'", { name: 'h-1' })).toBe(false);
  });

  it('builds a template of plain paths at once, and one with any other expression as before', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Keep',
      States: {
        Keep: { Type: 'Pass', Assign: { householdId: '{% $states.input.id %}' }, Next: 'Plain' },
        Plain: {
          Type: 'Pass',
          Output: {
            Payload: { householdId: '{% $householdId %}', tags: ['{% $states.input.tag %}', 'literal', 3] },
            at: '{% $states.context.State.EnteredTime %}',
          },
          Next: 'Mixed',
        },
        Mixed: {
          Type: 'Pass',
          Output: {
            first: '{% $states.input.Payload.householdId %}',
            tags: '{% $states.input.Payload.tags %}',
            key: "{% 'HH#' & $householdId %}",
            id: '{% $uuid() %}',
            last: '{% $states.input.at %}',
          },
          End: true,
        },
      },
    };
    const { result } = await execute(
      definition,
      { id: 'h-1', tag: 'new' },
      { uuid: () => '00000000-0000-4000-8000-000000000001' },
    );
    expect(result).toEqual({
      status: 'SUCCEEDED',
      output: {
        first: 'h-1',
        tags: ['new', 'literal', 3],
        key: 'HH#h-1',
        id: '00000000-0000-4000-8000-000000000001',
        last: '2024-01-01T00:00:00.000Z',
      },
    });
  });

  it('fails a missing field with the library error, as before', async () => {
    const definition = {
      QueryLanguage: 'JSONata',
      StartAt: 'Read',
      States: { Read: { Type: 'Pass', Output: '{% $states.input.missing %}', End: true } },
    };
    const { result } = await execute(definition, { present: 1 });
    expect(result).toEqual({
      status: 'FAILED',
      error: 'States.QueryEvaluationError',
      cause:
        "An error occurred while executing the state 'Read' (entered at the event id #2). The JSONata expression '$states.input.missing' specified for the field 'Output' returned nothing (undefined).",
    });
  });
});
