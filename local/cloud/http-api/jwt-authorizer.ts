import { createLocalJWKSet, type JWK, type JWTPayload, jwtVerify } from 'jose';
import type { JwtAuthorizerModel } from '../model/http-apis.ts';

export type AuthorizerOutcome =
  | { ok: true; claims: Record<string, string>; scopes: string[] | null }
  | { ok: false; status: 401 | 403 };

/**
 * API Gateway passes JWT claims as strings: numbers and booleans as text, arrays as
 * `[a b]` (so `cognito:groups` arrives as `"[caseworker]"`), objects as JSON.
 */
export function claimsAsApiGatewayPassesThem(payload: JWTPayload): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (Array.isArray(value)) out[name] = `[${value.map(String).join(' ')}]`;
    else if (value !== null && typeof value === 'object') out[name] = JSON.stringify(value);
    else out[name] = String(value);
  }
  return out;
}

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  return /^bearer\s+/i.test(trimmed) ? trimmed.replace(/^bearer\s+/i, '') : trimmed;
}

/**
 * Verifies a request's token as an HTTP API JWT authorizer does: RS256 signature against the
 * issuer's JWKS, `iss`, `exp`/`nbf`, and `aud` (id tokens) or `client_id` (access tokens)
 * among the configured audiences; then the route's scopes, if any (403 when none matches).
 */
export function createJwtAuthorizer(options: {
  jwks: JWK[];
  /** The local issuer standing for the configured one. */
  localIssuerOf(configuredIssuer: string): string;
  now?: () => number;
}) {
  const keySet = createLocalJWKSet({ keys: options.jwks });
  return async (
    authorizer: JwtAuthorizerModel,
    routeScopes: string[],
    headers: Record<string, string | string[] | undefined>,
  ): Promise<AuthorizerOutcome> => {
    const headerName = authorizer.identitySource.replace(/^\$request\.header\./i, '').toLowerCase();
    const raw = headers[headerName];
    const token = bearer(Array.isArray(raw) ? raw[0] : raw);
    if (!token) return { ok: false, status: 401 };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keySet, {
        issuer: options.localIssuerOf(authorizer.issuer),
        algorithms: ['RS256'],
        ...(options.now ? { currentDate: new Date(options.now()) } : {}),
      }));
    } catch {
      return { ok: false, status: 401 };
    }
    const audiences = Array.isArray(payload.aud) ? payload.aud : payload.aud ? [payload.aud] : [];
    const clientId = typeof payload.client_id === 'string' ? payload.client_id : undefined;
    const audienceOk =
      authorizer.audiences.length === 0 ||
      audiences.some((a) => authorizer.audiences.includes(a)) ||
      (clientId !== undefined && authorizer.audiences.includes(clientId));
    if (!audienceOk) return { ok: false, status: 401 };
    const scopes = typeof payload.scope === 'string' ? payload.scope.split(' ').filter(Boolean) : null;
    if (routeScopes.length > 0 && !routeScopes.some((s) => scopes?.includes(s)))
      return { ok: false, status: 403 };
    return { ok: true, claims: claimsAsApiGatewayPassesThem(payload), scopes };
  };
}
