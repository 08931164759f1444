import type * as z from 'zod';

/** Cognito groups (JWT claim `cognito:groups`). */
export type Role = 'intake' | 'caseworker' | 'supervisor' | 'partner' | 'operator';

/** One HTTP route: enough for the OpenAPI document, for infra to declare it, and for handlers to share. */
export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'delete';
  /** OpenAPI-style path, parameters in braces (also the HTTP API route key syntax). */
  path: string;
  operationId: string;
  summary: string;
  /** Groups allowed; empty means no JWT (Kobo uses a shared secret header, openapi.json is public). */
  roles: readonly Role[];
  body?: z.ZodType;
  query?: z.ZodObject;
  successStatus: number;
  response?: z.ZodType;
  /** Whether an `Idempotency-Key` header is honoured. */
  idempotencyKey?: boolean;
}
