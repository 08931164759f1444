import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** A handler's answer when the default (JSON body, route's success status) does not fit. */
export interface Reply {
  status: number;
  /** JSON-serialisable, or a string sent as is with `contentType` (e.g. a CSV). */
  body?: unknown;
  contentType?: string;
  headers?: Record<string, string>;
}

const REPLY = Symbol.for('mopti.reply');

/** Marks a value as a full reply rather than a JSON body. */
export function reply(value: Reply): Reply {
  return Object.assign({ [REPLY]: true }, value);
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && REPLY in value;
}

/** A plain, JSON-safe reply: what the idempotency store keeps and returns on a retry. */
export function toReply(result: unknown, successStatus: number): Reply {
  if (isReply(result)) {
    const { status, body, contentType, headers } = result;
    return { status, body, ...(contentType ? { contentType } : {}), ...(headers ? { headers } : {}) };
  }
  return { status: successStatus, body: result };
}

// Answers may carry personal data: never cached by a proxy or browser, never sniffed.
const BASE_HEADERS = { 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' };

/** The API Gateway v2 result for a reply. */
export function toHttpResult(value: Reply, requestId: string): APIGatewayProxyStructuredResultV2 {
  const isText = typeof value.body === 'string' && value.contentType !== undefined;
  const headers: Record<string, string> = {
    ...BASE_HEADERS,
    ...(value.body === undefined
      ? {}
      : { 'content-type': value.contentType ?? 'application/json; charset=utf-8' }),
    ...value.headers,
    'x-request-id': requestId,
  };
  if (value.body === undefined) return { statusCode: value.status, headers };
  const body = isText ? (value.body as string) : JSON.stringify(value.body);
  return { statusCode: value.status, headers, body };
}
