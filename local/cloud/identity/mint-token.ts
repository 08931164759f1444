import { createHash, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import type { SigningKey } from './signing-key.ts';

export interface TokenRequest {
  issuer: string;
  clientId: string;
  /** Cognito group, i.e. the role (`intake`, `caseworker`, `supervisor`, `partner`, `operator`). */
  role?: string;
  groups?: string[];
  partnerId?: string;
  username?: string;
  ttlSeconds?: number;
  /** Cognito issues both: id tokens carry `aud`, access tokens `client_id` and `scope`. */
  tokenUse?: 'id' | 'access';
  scopes?: string[];
  /** Seconds since the epoch, for tokens minted at a virtual time (tests). */
  now?: number;
}

/** A stable `sub` per username, as a user pool keeps a user's sub for life. */
function subjectOf(username: string): string {
  const h = createHash('sha256').update(`local-user:${username}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Mints a token shaped as Cognito's, signed by the local issuer's key. */
export async function mintToken(key: SigningKey, request: TokenRequest): Promise<string> {
  const now = request.now ?? Math.floor(Date.now() / 1000);
  const username = request.username ?? `local-${request.role ?? 'user'}`;
  const groups = request.groups ?? (request.role ? [request.role] : []);
  const tokenUse = request.tokenUse ?? 'id';
  const claims: Record<string, unknown> = {
    sub: subjectOf(username),
    'cognito:groups': groups,
    token_use: tokenUse,
    auth_time: now,
    event_id: randomUUID(),
    origin_jti: randomUUID(),
  };
  if (request.partnerId) claims['custom:partnerId'] = request.partnerId;
  if (tokenUse === 'id') {
    claims['cognito:username'] = username;
  } else {
    claims.client_id = request.clientId;
    claims.username = username;
    claims.scope = (request.scopes ?? ['aws.cognito.signin.user.admin']).join(' ');
  }
  const jwt = new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid })
    .setIssuer(request.issuer)
    .setIssuedAt(now)
    .setExpirationTime(now + (request.ttlSeconds ?? 3600))
    .setJti(randomUUID());
  if (tokenUse === 'id') jwt.setAudience(request.clientId);
  return jwt.sign(key.privateKey);
}
