import { createHash, timingSafeEqual } from 'node:crypto';
import type { Principal } from '../access-control/principal.ts';
import { UnauthorizedError } from '../errors/http-errors.ts';

/** Where a shared secret comes from; async so a deployment can read Secrets Manager. */
export type SecretSource = () => string | undefined | Promise<string | undefined>;

/** The default source: the `KOBO_SHARED_SECRET` environment variable. */
export const koboSecretFromEnv: SecretSource = () => process.env['KOBO_SHARED_SECRET'];

function digest(text: string): Buffer {
  // Hash both sides so the comparison runs in constant time whatever the lengths.
  return createHash('sha256').update(text, 'utf8').digest();
}

/**
 * Authenticates a caller that cannot hold a token (KoboToolbox's REST service) by a secret
 * header. No configured secret refuses everything: a missing setting never opens the route.
 */
export async function principalFromSharedSecret(
  presented: string | undefined,
  source: SecretSource,
  service: string,
): Promise<Principal> {
  const expected = await source();
  if (!expected || !presented || !timingSafeEqual(digest(presented), digest(expected))) {
    throw new UnauthorizedError();
  }
  return { subject: service, roles: [], permissions: [], via: 'shared-secret' };
}
