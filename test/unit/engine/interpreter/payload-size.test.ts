import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  exceedsPayloadLimit,
  PAYLOAD_LIMIT_BYTES,
  serializedSizeBound,
  textExceedsPayloadLimit,
} from '#engine/interpreter/payload-size.ts';

const exactBytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value) ?? 'null', 'utf8');

describe('payload size', () => {
  it('bounds the serialized size of any JSON value from above', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(serializedSizeBound(value, 0)).toBeGreaterThanOrEqual(exactBytes(value));
      }),
      { numRuns: 500 },
    );
  });

  it('bounds strings with control characters, quotes, lone surrogates and emoji', () => {
    const tricky = ['\u0000\u001f"\\', '\ud800', 'é€😀', '\n\t\r', '</script>'];
    for (const text of tricky) {
      expect(serializedSizeBound(text, 0)).toBeGreaterThanOrEqual(exactBytes(text));
      expect(serializedSizeBound({ [text]: [text, null, undefined] }, 0)).toBeGreaterThanOrEqual(
        exactBytes({ [text]: [text, null, undefined] }),
      );
    }
  });

  it('bounds the longest number texts', () => {
    for (const value of [-0.0000012345678901234567, -1.7976931348623157e308, -2.2250738585072014e-308]) {
      expect(serializedSizeBound(value, 0)).toBeGreaterThanOrEqual(String(value).length);
    }
  });

  it('answers as the serialized text does, on either side of the limit', () => {
    const overhead = exactBytes({ text: '' });
    for (const length of [PAYLOAD_LIMIT_BYTES - overhead, PAYLOAD_LIMIT_BYTES - overhead + 1]) {
      for (const value of [{ text: 'a'.repeat(length) }, { text: 'é'.repeat(Math.floor(length / 2)) }]) {
        const expected = textExceedsPayloadLimit(JSON.stringify(value));
        expect(exceedsPayloadLimit(value)).toBe(expected);
      }
    }
    expect(exceedsPayloadLimit({ text: 'a'.repeat(PAYLOAD_LIMIT_BYTES - overhead + 1) })).toBe(true);
    expect(exceedsPayloadLimit(Array.from({ length: 60_000 }, (_, i) => i))).toBe(true);
  });

  it('serializes what JSON.stringify treats specially rather than bounding it', () => {
    const hugeBehindToJson = { toJSON: () => 'x'.repeat(PAYLOAD_LIMIT_BYTES) };
    expect(serializedSizeBound(hugeBehindToJson, 0)).toBe(Number.POSITIVE_INFINITY);
    expect(exceedsPayloadLimit({ nested: hugeBehindToJson })).toBe(true);
    // A boxed string has its characters as keys, a class instance may hide its fields: both are serialized.
    expect(exceedsPayloadLimit(new String('x'.repeat(PAYLOAD_LIMIT_BYTES)))).toBe(true);
    expect(exceedsPayloadLimit(new Date(0))).toBe(false);
  });

  it('fails on a BigInt or a cycle as JSON.stringify does', () => {
    expect(() => exceedsPayloadLimit({ n: 1n })).toThrow(TypeError);
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    expect(() => exceedsPayloadLimit(cycle)).toThrow(TypeError);
  });
});
