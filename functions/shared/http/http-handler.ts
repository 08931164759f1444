import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import type {
  APIGatewayProxyEventV2WithJWTAuthorizer,
  APIGatewayProxyStructuredResultV2,
  Context,
} from 'aws-lambda';
import type { z } from 'zod';
import { languageFrom } from '#domain/i18n/language.ts';
import { admit } from '../access-control/authorize.ts';
import { type RouteKey, routeAccess } from '../access-control/matrix.ts';
import { logger } from '../observability/logger.ts';
import { authenticate, KOBO_SHARED_SECRET, type SharedSecretOptions } from './authenticate.ts';
import { errorMiddleware, requestIdOf } from './error-middleware.ts';
import { type HttpContext, httpContext } from './http-context.ts';
import { type IdempotencyOption, idempotencyFor } from './idempotency-option.ts';
import { DEFAULT_BODY_LIMIT_BYTES } from './read-body.ts';
import { type HttpInput, readInput } from './read-input.ts';
import { type Reply, toHttpResult, toReply } from './reply.ts';
import { assertStrictObject } from './validate.ts';

type Event = APIGatewayProxyEventV2WithJWTAuthorizer;
type Schema = z.ZodType | undefined;

export interface HttpRouteOptions<B, Q, P, R> {
  route: RouteKey;
  body?: B;
  query?: Q;
  path?: P;
  /** The body schema may leave foreign keys (Kobo submissions); forms never do. */
  allowUnknownKeys?: boolean;
  /** Refused with 413 before any parsing; default 256 KB. */
  bodyLimitBytes?: number;
  /** Status of a plain (non-`reply`) result; default 200. */
  successStatus?: number;
  /** `{ header: 'idempotency-key', runOnce }` or `{ key: (input) => input.body._uuid, runOnce }`. */
  idempotency?: IdempotencyOption<HttpInput<B, Q, P>>;
  /** For `shared-secret` routes; default: Kobo's header and KOBO_SHARED_SECRET. */
  sharedSecret?: SharedSecretOptions;
  core: (input: HttpInput<B, Q, P>, context: HttpContext) => Promise<R | Reply>;
}

/**
 * A Lambda handler for one HTTP API route (payload 2.0). In order: authentication (401), the
 * matrix's role check (403), body size before parsing (413), media type (415), JSON and schema
 * validation with field messages in French and English (400), then the core, once per
 * idempotency key if asked. The core makes the ownership check with `context.authorize`.
 */
export function httpHandler<
  B extends Schema = undefined,
  Q extends Schema = undefined,
  P extends Schema = undefined,
  R = unknown,
>(options: HttpRouteOptions<B, Q, P, R>) {
  const access = routeAccess(options.route);
  if (options.body && !options.allowUnknownKeys) assertStrictObject(options.body, options.route);
  const once = idempotencyFor(options.route, options.idempotency);
  const limit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;

  async function handle(event: Event, lambdaContext: Context): Promise<APIGatewayProxyStructuredResultV2> {
    const requestId = requestIdOf(event, lambdaContext);
    // Every line the core logs then says which route and request it belongs to.
    logger.appendKeys({ routeKey: options.route, requestId });
    const principal = await authenticate(access.auth, event, options.sharedSecret ?? KOBO_SHARED_SECRET);
    const admission = admit(principal, options.route);
    const { input, fingerprint } = readInput(options, event, limit);
    const lang = languageFrom(event.headers?.['accept-language']);
    const base = {
      routeKey: options.route,
      principal,
      requestId,
      lang,
      headers: event.headers ?? {},
      lambdaContext,
    };
    const tracker = httpContext(base, admission === 'needs-resource');
    const compute = async (): Promise<Reply> => {
      const result = await options.core(input, tracker.context);
      tracker.assertChecked();
      return toReply(result, options.successStatus ?? 200);
    };
    const reply = once ? await once(input, tracker.context, fingerprint, compute) : await compute();
    return toHttpResult(reply, requestId);
  }

  return (
    middy<Event, APIGatewayProxyStructuredResultV2>()
      // logEvent off whatever the environment says: an event carries bodies and claims.
      .use(injectLambdaContext(logger, { resetKeys: true, logEvent: false }))
      .use(httpHeaderNormalizer())
      .use(errorMiddleware(options.route))
      .handler(handle)
  );
}
