import { createLocalJWKSet, type JWK, jwtVerify } from 'jose';
import type { LocalIssuer } from './issuers.ts';

/**
 * Verifies a token of any local issuer (signature, `iss`, expiry, and `aud`/`client_id` among the
 * pools' app clients) and resolves to its claims as the token carries them (arrays stay arrays):
 * what the operator console needs, which is not behind an API Gateway authorizer.
 */
export function localTokenVerifier(options: { jwks: JWK[]; issuers: LocalIssuer[]; now?: () => number }) {
  const keySet = createLocalJWKSet({ keys: options.jwks });
  const clientIds = new Set(options.issuers.flatMap((i) => i.clientIds));
  return async (token: string): Promise<Record<string, unknown>> => {
    const { payload } = await jwtVerify(token, keySet, {
      issuer: options.issuers.map((i) => i.issuer),
      algorithms: ['RS256'],
      ...(options.now ? { currentDate: new Date(options.now()) } : {}),
    });
    const audiences = [payload.aud, payload.client_id]
      .flat()
      .filter((a): a is string => typeof a === 'string');
    if (clientIds.size > 0 && !audiences.some((a) => clientIds.has(a))) {
      throw new Error('token audience is not an app client of a local user pool');
    }
    return payload;
  };
}
