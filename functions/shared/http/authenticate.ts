import type { APIGatewayProxyEventV2WithJWTAuthorizer } from 'aws-lambda';
import type { RouteAuth } from '../access-control/matrix.ts';
import { ANONYMOUS, type Principal } from '../access-control/principal.ts';
import { principalFromClaims } from './claims.ts';
import { koboSecretFromEnv, principalFromSharedSecret, type SecretSource } from './shared-secret.ts';

/** How a shared-secret route recognises its caller. */
export interface SharedSecretOptions {
  /** Request header carrying the secret, lower case. */
  header: string;
  source: SecretSource;
  /** Name recorded as the subject (audit, idempotency keys). */
  service: string;
}

/** KoboToolbox's REST service sends this header, set in the project's REST service settings. */
export const KOBO_SHARED_SECRET: SharedSecretOptions = {
  header: 'x-kobo-secret',
  source: koboSecretFromEnv,
  service: 'kobo',
};

/** The caller, by the route's kind of authentication; 401 if it cannot be established. */
export function authenticate(
  auth: RouteAuth,
  event: APIGatewayProxyEventV2WithJWTAuthorizer,
  sharedSecret: SharedSecretOptions,
): Principal | Promise<Principal> {
  if (auth === 'public') return ANONYMOUS;
  if (auth === 'jwt') return principalFromClaims(event);
  return principalFromSharedSecret(
    event.headers?.[sharedSecret.header],
    sharedSecret.source,
    sharedSecret.service,
  );
}
