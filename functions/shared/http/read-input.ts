import type { JSONValue } from '@aws-lambda-powertools/commons/types';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { z } from 'zod';
import { assertBodySize, readJsonBody } from './read-body.ts';
import { parsePart } from './validate.ts';

export type Params = Record<string, string | undefined>;
type Schema = z.ZodType | undefined;
type Out<S, Raw> = S extends z.ZodType ? z.output<S> : Raw;

/** The validated request, typed from the route's schemas. */
export interface HttpInput<B, Q, P> {
  body: Out<B, undefined>;
  query: Out<Q, Params>;
  path: Out<P, Params>;
}

export interface InputSchemas<B, Q, P> {
  body?: B;
  query?: Q;
  path?: P;
}

/** The input as received (parsed JSON, raw parameters): what idempotency compares on a retry. */
export interface ReadInput<I> {
  input: I;
  fingerprint: JSONValue;
}

/**
 * Reads and validates body, query and path parameters. A route without a body schema takes no
 * body, but an oversized one is still refused (413) so it costs nothing downstream.
 */
export function readInput<B extends Schema, Q extends Schema, P extends Schema>(
  schemas: InputSchemas<B, Q, P>,
  event: APIGatewayProxyEventV2,
  limitBytes: number,
): ReadInput<HttpInput<B, Q, P>> {
  const raw = {
    body: event.body,
    isBase64Encoded: event.isBase64Encoded,
    contentType: event.headers?.['content-type'],
  };
  const body = schemas.body ? readJsonBody(raw, limitBytes) : assertBodySize(raw, limitBytes);
  const query = event.queryStringParameters ?? {};
  const path = event.pathParameters ?? {};
  const input = {
    body: schemas.body ? parsePart(schemas.body, body, 'body') : undefined,
    query: schemas.query ? parsePart(schemas.query, query, 'query') : query,
    path: schemas.path ? parsePart(schemas.path, path, 'path') : path,
  } as HttpInput<B, Q, P>;
  return { input, fingerprint: { body: (body ?? null) as JSONValue, query, path } as JSONValue };
}
