/**
 * The header normalizer the Lambda bundles carry instead of `@middy/http-header-normalizer`
 * (infra/constructs/bundling/middy/http-header-normalizer.ts) against the real package with the
 * defaults http-handler.ts uses: the same event after `before`, and a throw for any option.
 */
import realNormalizer from '@middy/http-header-normalizer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import standInNormalizer, {
  UnsupportedHttpHeaderNormalizerOptionsError,
} from '../../../infra/constructs/bundling/middy/http-header-normalizer.ts';

const headerName = fc.oneof(
  fc.constantFrom(
    'Content-Type',
    'content-type',
    'CONTENT-TYPE',
    'Idempotency-Key',
    'X-Request-Id',
    'ETag',
    'DNT',
    'TE',
  ),
  fc.string({ minLength: 1, maxLength: 12 }),
);
const headers = fc.dictionary(headerName, fc.string(), { maxKeys: 8 });
const multiValueHeaders = fc.dictionary(headerName, fc.array(fc.string(), { maxLength: 3 }), { maxKeys: 5 });
const event = fc.record({ headers, multiValueHeaders, body: fc.string() }, { requiredKeys: ['body'] });

describe('bundle stand-in for @middy/http-header-normalizer', () => {
  it('normalizes events exactly as the package does with its defaults', async () => {
    await fc.assert(
      fc.asyncProperty(event, async (original) => {
        const real = { event: structuredClone(original) };
        const standIn = { event: structuredClone(original) };
        await realNormalizer().before?.(real as never);
        await standInNormalizer().before(standIn);
        expect(JSON.stringify(standIn.event)).toBe(JSON.stringify(real.event));
        expect(standIn.event).toEqual(real.event);
      }),
      { numRuns: 500 },
    );
  });

  it('throws on options rather than normalizing differently', () => {
    expect(() => standInNormalizer({ canonical: true })).toThrow(UnsupportedHttpHeaderNormalizerOptionsError);
    expect(() => standInNormalizer({})).not.toThrow();
  });
});
