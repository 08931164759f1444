import { PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../errors/http-errors.ts';

/** Default body limit: a household form is a few KB; anything near this is not a form. */
export const DEFAULT_BODY_LIMIT_BYTES = 256 * 1024;

export interface RawBody {
  body?: string | undefined;
  isBase64Encoded?: boolean;
  contentType?: string | undefined;
}

const JSON_MEDIA_TYPE = /^application\/(?:[\w.+-]+\+)?json$/;
// Keys that could reach an object's prototype if some later code merged the body naively.
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** Size in bytes without decoding: base64 is measured from its length, text from UTF-8. */
export function bodyByteLength({ body, isBase64Encoded }: RawBody): number {
  if (!body) return 0;
  if (!isBase64Encoded) return Buffer.byteLength(body, 'utf8');
  const padding = body.endsWith('==') ? 2 : body.endsWith('=') ? 1 : 0;
  return Math.floor((body.length * 3) / 4) - padding;
}

function assertJsonMediaType(contentType: string | undefined): void {
  const mediaType = contentType?.split(';')[0]?.trim().toLowerCase();
  if (!mediaType || !JSON_MEDIA_TYPE.test(mediaType)) {
    throw new UnsupportedMediaTypeError({ expected: 'application/json' });
  }
}

function decodeText({ body = '', isBase64Encoded }: RawBody): string {
  if (!isBase64Encoded) return body;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(Buffer.from(body, 'base64'));
  } catch (cause) {
    throw new ValidationError({
      code: 'INVALID_ENCODING',
      message: { fr: "Le corps n'est pas en UTF-8 valide.", en: 'The body is not valid UTF-8.' },
      cause,
    });
  }
}

class ForbiddenKeyFound extends Error {
  override name = 'ForbiddenKeyFound';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text, (key, value: unknown) => {
      if (FORBIDDEN_KEYS.has(key)) throw new ForbiddenKeyFound();
      return value;
    });
  } catch (cause) {
    if (cause instanceof ForbiddenKeyFound) {
      throw new ValidationError({
        code: 'FORBIDDEN_KEY',
        message: {
          fr: 'Le corps contient une clé interdite (__proto__, constructor ou prototype).',
          en: 'The body contains a forbidden key (__proto__, constructor or prototype).',
        },
      });
    }
    // The parser's own message may quote the body, so it stays in `cause`, never in the answer.
    throw new ValidationError({
      code: 'INVALID_JSON',
      message: {
        fr: "Le corps de la requête n'est pas un JSON valide.",
        en: 'The request body is not valid JSON.',
      },
      cause,
    });
  }
}

/** 413 when the body is over the limit; measured without decoding it. */
export function assertBodySize(raw: RawBody, limitBytes: number = DEFAULT_BODY_LIMIT_BYTES): undefined {
  if (bodyByteLength(raw) > limitBytes) throw new PayloadTooLargeError({ limitBytes });
  return undefined;
}

/**
 * Reads a JSON body in the order that keeps bad input cheap: size first (before any decoding
 * or parsing), then media type, then encoding, then syntax.
 */
export function readJsonBody(raw: RawBody, limitBytes: number = DEFAULT_BODY_LIMIT_BYTES): unknown {
  assertBodySize(raw, limitBytes);
  if (!raw.body) {
    throw new ValidationError({
      code: 'BODY_REQUIRED',
      message: { fr: 'Le corps de la requête est requis.', en: 'A request body is required.' },
    });
  }
  assertJsonMediaType(raw.contentType);
  return parseJson(decodeText(raw));
}
