import { describe, expect, it } from 'vitest';
import {
  PayloadTooLargeError,
  UnsupportedMediaTypeError,
  ValidationError,
} from '#shared/errors/http-errors.ts';
import { bodyByteLength, readJsonBody } from '#shared/http/read-body.ts';

const json = 'application/json';

describe('readJsonBody', () => {
  it('counts UTF-8 bytes, not characters', () => {
    expect(bodyByteLength({ body: 'é' })).toBe(2);
    expect(bodyByteLength({ body: Buffer.from('héllo').toString('base64'), isBase64Encoded: true })).toBe(6);
  });

  it('checks the size before the media type', () => {
    expect(() => readJsonBody({ body: 'x'.repeat(11), contentType: 'text/plain' }, 10)).toThrow(
      PayloadTooLargeError,
    );
  });

  it('accepts JSON media types with parameters or a +json suffix', () => {
    expect(readJsonBody({ body: '{"a":1}', contentType: 'application/json; charset=utf-8' })).toEqual({
      a: 1,
    });
    expect(readJsonBody({ body: '[1]', contentType: 'application/merge-patch+json' })).toEqual([1]);
    expect(() => readJsonBody({ body: '{}', contentType: 'text/json' })).toThrow(UnsupportedMediaTypeError);
    expect(() => readJsonBody({ body: '{}' })).toThrow(UnsupportedMediaTypeError);
  });

  it('refuses constructor and prototype keys as well as __proto__', () => {
    for (const key of ['__proto__', 'constructor', 'prototype']) {
      expect(() => readJsonBody({ body: `{"a":[{"${key}":{}}]}`, contentType: json })).toThrow(
        expect.objectContaining({ code: 'FORBIDDEN_KEY' }),
      );
    }
  });

  it('turns nesting too deep for the parser into a 400, not a crash', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(() => readJsonBody({ body: deep, contentType: json }, 1_000_000)).toThrow(ValidationError);
  });
});
