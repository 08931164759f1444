import { NotOperatorError, UnauthenticatedError } from './errors.ts';

/**
 * Verifies a bearer token and resolves to its claims (a JWT payload); rejects when the token is
 * not valid. The local cloud passes its issuer's verifier; on AWS a Cognito JWKS verifier.
 */
export type VerifyToken = (token: string) => Promise<Record<string, unknown>>;

export const OPERATOR_GROUP = 'operator';

/** Resolves to the claims of an operator's token; 401 without a valid token, 403 for other groups. */
export async function requireOperator(
  authorization: string | undefined,
  verifyToken: VerifyToken,
): Promise<Record<string, unknown>> {
  const token = /^Bearer\s+(\S+)$/i.exec(authorization ?? '')?.[1];
  if (!token) throw new UnauthenticatedError();
  let claims: Record<string, unknown>;
  try {
    claims = await verifyToken(token);
  } catch (error) {
    throw new UnauthenticatedError(error);
  }
  if (!groupsOf(claims).includes(OPERATOR_GROUP)) throw new NotOperatorError();
  return claims;
}

/** `cognito:groups` is an array in Cognito tokens; some issuers send a space-separated string. */
function groupsOf(claims: Record<string, unknown>): string[] {
  const groups = claims['cognito:groups'];
  if (Array.isArray(groups)) return groups.map(String);
  if (typeof groups === 'string') return groups.split(/[\s,]+/);
  return [];
}
