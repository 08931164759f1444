/**
 * Stands in for `@middy/http-header-normalizer` in the Lambda bundles (an esbuild alias set by
 * AppFunction; the type checker, unit tests and local tools keep the real package).
 * functions/shared/http/http-handler.ts uses it with no options: header names lower-cased, in
 * `headers` and `multiValueHeaders`, the last of two spellings winning; this does that, as the
 * package's `before` does with its defaults (index.js).
 *
 * Why: the package's canonical mode carries its table of header-name exceptions, ≈ 1.4 KB of every
 * HTTP bundle, in a 128 KB budget (issue 11). Options throw UnsupportedHttpHeaderNormalizerOptionsError;
 * test/unit/bundling/http-header-normalizer.test.ts compares both on the same events.
 */

/** Options the stand-in does not implement (the real package would). */
export class UnsupportedHttpHeaderNormalizerOptionsError extends Error {
  override name = 'UnsupportedHttpHeaderNormalizerOptionsError';
}

type Headers = Record<string, unknown>;

const lowerCased = (headers: Headers): Headers => {
  const normalized: Headers = {};
  for (const key of Object.keys(headers)) normalized[key.toLowerCase()] = headers[key];
  return normalized;
};

export default function httpHeaderNormalizer(options?: object) {
  if (options !== undefined && Object.keys(options).length > 0)
    throw new UnsupportedHttpHeaderNormalizerOptionsError(
      'http-header-normalizer options are not supported in the bundles',
    );
  return {
    before: async (request: { event: { headers?: Headers; multiValueHeaders?: Headers } }) => {
      if (request.event.headers) request.event.headers = lowerCased(request.event.headers);
      if (request.event.multiValueHeaders)
        request.event.multiValueHeaders = lowerCased(request.event.multiValueHeaders);
    },
  };
}
