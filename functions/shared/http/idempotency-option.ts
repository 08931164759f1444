import type { JSONValue } from '@aws-lambda-powertools/commons/types';
import { ValidationError } from '../errors/http-errors.ts';
import type { RunOnceOptions, runOnce } from '../idempotency/run-once.ts';
import type { HttpContext } from './http-context.ts';
import type { Reply } from './reply.ts';

/**
 * How a route recognises a retry: a request header chosen by the client (`Idempotency-Key`),
 * or a key taken from the validated input (a Kobo `_uuid`). A retry returns the first answer;
 * the same key with a different request is refused (422).
 *
 * `runOnce` is passed in (import it from `#shared/idempotency/run-once.ts`) so that routes
 * without idempotency do not carry Powertools idempotency and its JMESPath engine.
 */
export type IdempotencyOption<I> = {
  runOnce: (options: RunOnceOptions) => ReturnType<typeof runOnce>;
  expiresAfterSeconds?: number;
} & (
  | { header: string; required?: boolean }
  | {
      key: (input: I, context: HttpContext) => string | undefined;
      /** Whether a repeat must carry the same request; default true. */
      validatePayload?: boolean;
    }
);

export type IdempotentRun<I> = (
  input: I,
  context: HttpContext,
  fingerprint: JSONValue,
  compute: () => Promise<Reply>,
) => Promise<Reply>;

// Printable ASCII, as the IETF Idempotency-Key draft expects; long enough for a UUID or ULID.
const HEADER_VALUE = /^[\x21-\x7e]{1,255}$/;

function keyFromHeader(context: HttpContext, header: string, required: boolean): string | undefined {
  const value = context.headers[header.toLowerCase()];
  if (value === undefined || value === '') {
    if (!required) return undefined;
  } else if (HEADER_VALUE.test(value)) {
    return value;
  }
  throw new ValidationError({
    code: 'INVALID_IDEMPOTENCY_KEY',
    message: {
      fr: `L'en-tête ${header} est requis : 1 à 255 caractères ASCII imprimables.`,
      en: `The ${header} header is required: 1 to 255 printable ASCII characters.`,
    },
  });
}

/** The idempotent runner of a route, or undefined when the route has no idempotency. */
export function idempotencyFor<I>(
  routeKey: string,
  option?: IdempotencyOption<I>,
): IdempotentRun<I> | undefined {
  if (!option) return undefined;
  const once = option.runOnce({
    scope: routeKey,
    ...(option.expiresAfterSeconds ? { expiresAfterSeconds: option.expiresAfterSeconds } : {}),
  });
  return async (input, context, fingerprint, compute) => {
    const value =
      'header' in option
        ? keyFromHeader(context, option.header, option.required ?? false)
        : option.key(input, context);
    if (value === undefined) return compute();
    // The caller is part of the key: two users who pick the same key never see each other's answer.
    const key = `${routeKey}|${context.principal.subject}|${value}`;
    const check = 'header' in option || option.validatePayload !== false ? fingerprint : undefined;
    const reply = await once(
      key,
      check,
      async () => (await compute()) as unknown as JSONValue,
      context.lambdaContext,
    );
    return reply as unknown as Reply;
  };
}
