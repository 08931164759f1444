import { describe, expect, it } from 'vitest';
import { INTRINSICS } from '#engine/interpreter/intrinsics/functions.ts';
import { IntrinsicSyntaxError, parseIntrinsic } from '#engine/interpreter/intrinsics/parse.ts';
import { execute } from './run-helper.ts';

const env = { uuid: () => 'u-1' };
const call = (name: string, ...args: unknown[]) => INTRINSICS[`States.${name}`]!(args, env);

describe('intrinsic function parser', () => {
  it('parses literals, paths, variables and nested calls', () => {
    expect(
      parseIntrinsic(
        "States.Format('a \\'{}\\' b', $.x[0], $$.Execution.Name, $v.y, States.Array(1, -2.5, true, null))",
      ),
    ).toEqual({
      kind: 'call',
      name: 'States.Format',
      args: [
        { kind: 'literal', value: "a '{}' b" },
        { kind: 'path', path: '$.x[0]' },
        { kind: 'path', path: '$$.Execution.Name' },
        { kind: 'path', path: '$v.y' },
        {
          kind: 'call',
          name: 'States.Array',
          args: [
            { kind: 'literal', value: 1 },
            { kind: 'literal', value: -2.5 },
            { kind: 'literal', value: true },
            { kind: 'literal', value: null },
          ],
        },
      ],
    });
  });

  it('keeps filter expressions with commas inside a path argument', () => {
    expect(parseIntrinsic('States.ArrayLength($.items[?(@.a == 1)])').args).toEqual([
      { kind: 'path', path: '$.items[?(@.a == 1)]' },
    ]);
  });

  it('rejects an unterminated string', () => {
    expect(() => parseIntrinsic("States.Format('oops)")).toThrow(IntrinsicSyntaxError);
  });
});

describe('intrinsic functions', () => {
  it('splits on any delimiter character and drops empty parts', () => {
    expect(call('StringSplit', 'a,,b;c', ',;')).toEqual(['a', 'b', 'c']);
    expect(call('StringSplit', ', , ,', ',')).toEqual([' ', ' ']);
  });

  it('rounds each MathAdd argument', () => {
    expect(call('MathAdd', 1.5, 2.4)).toBe(4);
    expect(call('MathAdd', -9, 3)).toBe(-6);
  });

  it('formats objects as Java does and honours escaped braces', () => {
    expect(call('Format', 'x={}', { a: 1, b: [] })).toBe('x={a=1, b=[]}');
    expect(call('Format', '\\{literal\\} {}', 'v')).toBe('{literal} v');
    expect(() => call('Format', '{} {}', 'one')).toThrow();
  });

  it('ranges inclusively and partitions, gets, counts and de-duplicates arrays', () => {
    expect(call('ArrayRange', 0, 9, 3)).toEqual([0, 3, 6, 9]);
    expect(call('ArrayPartition', [1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(call('ArrayGetItem', ['a', 'b'], 1)).toBe('b');
    expect(call('ArrayLength', [1, 2])).toBe(2);
    expect(call('ArrayUnique', [1, { a: 1 }, 1, { a: 1 }])).toEqual([1, { a: 1 }]);
    expect(call('ArrayContains', [{ a: [1] }], { a: [1] })).toBe(true);
  });

  it('encodes, hashes, merges and converts JSON', () => {
    expect(call('Base64Encode', 'Data to encode')).toBe('RGF0YSB0byBlbmNvZGU=');
    expect(call('Base64Decode', 'RGF0YSB0byBlbmNvZGU=')).toBe('Data to encode');
    expect(call('Hash', 'input data', 'MD5')).toBe('812f45842bc6d66ee14572ce20db8e86');
    expect(call('JsonMerge', { a: { x: 1 }, b: 1 }, { a: { y: 2 } }, false)).toEqual({ a: { y: 2 }, b: 1 });
    expect(call('StringToJson', '{"a":[1]}')).toEqual({ a: [1] });
    expect(call('StringToJson', ' ')).toBeNull();
    expect(call('JsonToString', { a: [1] })).toBe('{"a":[1]}');
  });

  it('draws MathRandom within bounds and UUIDs from the effects', () => {
    const value = call('MathRandom', 5, 10) as number;
    expect(value).toBeGreaterThanOrEqual(5);
    expect(value).toBeLessThan(10);
    expect(call('MathRandom', 1, 100, 42)).toBe(call('MathRandom', 1, 100, 42));
    expect(call('UUID')).toBe('u-1');
  });

  it('fails the state with States.IntrinsicFailure on a bad argument', async () => {
    const definition = {
      StartAt: 'Bad',
      States: { Bad: { Type: 'Pass', Parameters: { 'x.$': 'States.ArrayGetItem($.list, 5)' }, End: true } },
    };
    const { result } = await execute(definition, { list: [1] });
    expect(result).toMatchObject({ status: 'FAILED', error: 'States.IntrinsicFailure' });
  });
});
