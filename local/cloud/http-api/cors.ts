import type { CorsModel } from '../model/http-apis.ts';

function allowedOrigin(cors: CorsModel, origin: string | undefined): string | undefined {
  if (!origin) return undefined;
  if (cors.allowOrigins.includes('*')) return cors.allowCredentials ? origin : '*';
  return cors.allowOrigins.includes(origin) ? origin : undefined;
}

/** Headers API Gateway adds to every response of an API with a CORS configuration. */
export function corsHeaders(cors: CorsModel, origin: string | undefined): Record<string, string> {
  const allowed = allowedOrigin(cors, origin);
  if (!allowed) return {};
  const headers: Record<string, string> = { 'access-control-allow-origin': allowed };
  if (cors.allowCredentials) headers['access-control-allow-credentials'] = 'true';
  if (cors.exposeHeaders.length > 0) headers['access-control-expose-headers'] = cors.exposeHeaders.join(',');
  return headers;
}

/** The answer API Gateway gives a preflight itself, without invoking any route. */
export function preflightHeaders(cors: CorsModel, origin: string | undefined): Record<string, string> {
  const headers = corsHeaders(cors, origin);
  if (!headers['access-control-allow-origin']) return headers;
  headers['access-control-allow-methods'] = cors.allowMethods.join(',') || '*';
  headers['access-control-allow-headers'] = cors.allowHeaders.join(',') || '*';
  if (cors.maxAge !== undefined) headers['access-control-max-age'] = String(cors.maxAge);
  return headers;
}
