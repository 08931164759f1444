/**
 * The marshaller the Lambda bundles carry instead of @aws-sdk/util-dynamodb
 * (infra/constructs/bundling/util-dynamodb.ts) against the real package: generated values of every
 * kind (nested maps and lists, sets, binaries, numbers at and past the safe range, class instances,
 * undefined and empty values) under every combination of options, the same result or the same error.
 */
import * as real from '@aws-sdk/util-dynamodb';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as standIn from '../../../infra/constructs/bundling/util-dynamodb.ts';

class Point {
  x = 1;
  y = 'two';
  move() {
    return this.x;
  }
}

const scalar = fc.oneof(
  fc.string(),
  fc.constant(''),
  fc.integer(),
  fc.double(),
  fc.constantFrom(
    Number.MAX_SAFE_INTEGER,
    Number.MAX_SAFE_INTEGER + 2,
    Number.MIN_SAFE_INTEGER - 2,
    Number.NaN,
    Number.POSITIVE_INFINITY,
  ),
  fc.bigInt(),
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
  fc.uint8Array({ maxLength: 4 }),
  fc.constant(new Uint8Array()),
  fc.constant(() => 1),
  fc.constant(new Point()),
  fc.constant(new Date(0)),
);
const set = fc.oneof(
  fc.uniqueArray(fc.string(), { maxLength: 3 }).map((values) => new Set(values)),
  fc.uniqueArray(fc.integer(), { maxLength: 3 }).map((values) => new Set(values)),
  fc.uniqueArray(fc.bigInt(), { maxLength: 3 }).map((values) => new Set(values)),
  fc.constant(new Set([new Uint8Array([1]), new Uint8Array([2])])),
  fc.constant(new Set(['a', undefined])),
  fc.constant(new Set([true])),
  fc.constant(new Set()),
);
const value = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' }, scalar, set, tie('list'), tie('map'), tie('mapObject')),
  list: fc.array(tie('value'), { maxLength: 3 }),
  map: fc.dictionary(fc.string({ maxLength: 4 }), tie('value'), { maxKeys: 3 }),
  mapObject: fc
    .array(fc.tuple(fc.string({ maxLength: 4 }), tie('value')), { maxLength: 3 })
    .map((entries) => new Map(entries)),
})).value;
const marshallOptions = fc.record(
  {
    convertEmptyValues: fc.boolean(),
    removeUndefinedValues: fc.boolean(),
    convertClassInstanceToMap: fc.boolean(),
    convertTopLevelContainer: fc.boolean(),
    allowImpreciseNumbers: fc.boolean(),
  },
  { requiredKeys: [] },
);

const outcome = (run: () => unknown) => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: `${(error as Error).name}: ${(error as Error).message}` };
  }
};

describe('bundle stand-in for @aws-sdk/util-dynamodb', () => {
  it('marshalls every kind of value the same way under every option', () => {
    fc.assert(
      fc.property(value, fc.option(marshallOptions, { nil: undefined }), (data, options) => {
        expect(outcome(() => standIn.marshall(data, options))).toEqual(
          outcome(() => real.marshall(data, options)),
        );
        expect(outcome(() => standIn.convertToAttr(data, options))).toEqual(
          outcome(() => real.convertToAttr(data, options)),
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('unmarshalls what it marshalled, and attribute values of every kind, the same way', () => {
    const wrapNumbers = fc.constantFrom(undefined, true, false, (text: string) => `#${text}`);
    fc.assert(
      fc.property(value, wrapNumbers, (data, wrap) => {
        const marshalled = outcome(() =>
          real.marshall({ data }, { removeUndefinedValues: true, convertClassInstanceToMap: true }),
        );
        if (!('value' in marshalled)) return;
        const options = wrap === undefined ? undefined : { wrapNumbers: wrap };
        expect(outcome(() => standIn.unmarshall(marshalled.value as never, options))).toEqual(
          outcome(() => real.unmarshall(marshalled.value as never, options)),
        );
      }),
      { numRuns: 1000 },
    );
    for (const attribute of [
      { N: '12345678901234567890' },
      { N: '1e400' },
      { N: 'not a number' },
      { NS: ['1', '99999999999999999999'] },
      { BOOL: 0 },
      { S: undefined, N: '3' },
      { X: 'unknown' },
      {},
    ]) {
      for (const options of [undefined, { convertWithoutMapWrapper: true }, { wrapNumbers: true }]) {
        expect(outcome(() => standIn.unmarshall(attribute as never, options))).toEqual(
          outcome(() => real.unmarshall(attribute as never, options)),
        );
        expect(outcome(() => standIn.convertToNative(attribute as never, options))).toEqual(
          outcome(() => real.convertToNative(attribute as never, options)),
        );
      }
    }
  });

  it('builds NumberValue the same way', () => {
    for (const input of [
      '12345678901234567890',
      3,
      { N: '7' },
      Number.MAX_SAFE_INTEGER + 2,
      Number.NaN,
      '1.5',
    ]) {
      const made = (side: typeof real | typeof standIn) =>
        outcome(() => {
          const number = new side.NumberValueImpl(input as never);
          return [
            number.toString(),
            number.valueOf(),
            number.toAttributeValue(),
            outcome(() => number.toBigInt()),
          ];
        });
      expect(made(standIn)).toEqual(made(real));
    }
    expect(standIn.marshall({ n: new standIn.NumberValueImpl('9007199254740993') })).toEqual({
      n: { N: '9007199254740993' },
    });
  });
});
