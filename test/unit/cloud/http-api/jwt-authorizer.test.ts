import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  claimsAsApiGatewayPassesThem,
  createJwtAuthorizer,
} from '../../../../local/cloud/http-api/jwt-authorizer.ts';
import { mintToken } from '../../../../local/cloud/identity/mint-token.ts';
import type { SigningKey } from '../../../../local/cloud/identity/signing-key.ts';

const ISSUER = 'http://127.0.0.1:3001/us-east-1_pool';
const authorizerModel = {
  name: 'cognito',
  issuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_pool',
  audiences: ['client-1'],
  identitySource: '$request.header.Authorization',
};

let key: SigningKey;
let authorize: ReturnType<typeof createJwtAuthorizer>;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  key = { kid: 'k1', privateKey, publicJwk: { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256' } };
  authorize = createJwtAuthorizer({
    jwks: [key.publicJwk],
    localIssuerOf: (configured) => (configured === authorizerModel.issuer ? ISSUER : 'unknown'),
  });
});

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('createJwtAuthorizer', () => {
  it('accepts an id token of the configured audience and passes its claims as strings', async () => {
    const token = await mintToken(key, {
      issuer: ISSUER,
      clientId: 'client-1',
      role: 'partner',
      partnerId: 'org-9',
    });
    const outcome = await authorize(authorizerModel, [], bearer(token));
    expect(outcome).toMatchObject({
      ok: true,
      scopes: null,
      claims: {
        'cognito:groups': '[partner]',
        'custom:partnerId': 'org-9',
        token_use: 'id',
        aud: 'client-1',
      },
    });
  });

  it('accepts an access token whose client_id is the audience, and checks route scopes', async () => {
    const token = await mintToken(key, {
      issuer: ISSUER,
      clientId: 'client-1',
      tokenUse: 'access',
      scopes: ['casework/read'],
    });
    expect(await authorize(authorizerModel, ['casework/read'], bearer(token))).toMatchObject({
      ok: true,
      scopes: ['casework/read'],
    });
    expect(await authorize(authorizerModel, ['casework/write'], bearer(token))).toEqual({
      ok: false,
      status: 403,
    });
  });

  it('accepts the token without the Bearer prefix, as API Gateway does', async () => {
    const token = await mintToken(key, { issuer: ISSUER, clientId: 'client-1' });
    expect((await authorize(authorizerModel, [], { authorization: token })).ok).toBe(true);
  });

  it('refuses missing, forged, expired, wrong-issuer and wrong-audience tokens with 401', async () => {
    const other = await generateKeyPair('RS256');
    const forged = await new SignJWT({ token_use: 'id' })
      .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
      .setIssuer(ISSUER)
      .setAudience('client-1')
      .setExpirationTime('1h')
      .sign(other.privateKey);
    const expired = await mintToken(key, {
      issuer: ISSUER,
      clientId: 'client-1',
      now: Math.floor(Date.now() / 1000) - 7200,
    });
    const wrongIssuer = await mintToken(key, { issuer: 'http://elsewhere/pool', clientId: 'client-1' });
    const wrongAudience = await mintToken(key, { issuer: ISSUER, clientId: 'client-2' });
    for (const headers of [
      {},
      bearer(forged),
      bearer(expired),
      bearer(wrongIssuer),
      bearer(wrongAudience),
      bearer('x.y.z'),
    ]) {
      expect(await authorize(authorizerModel, [], headers)).toEqual({ ok: false, status: 401 });
    }
  });

  it('verifies against an injected clock', async () => {
    const virtual = createJwtAuthorizer({
      jwks: [key.publicJwk],
      localIssuerOf: () => ISSUER,
      now: () => Date.now() + 2 * 3600_000,
    });
    const token = await mintToken(key, { issuer: ISSUER, clientId: 'client-1', ttlSeconds: 3600 });
    expect(await virtual(authorizerModel, [], bearer(token))).toEqual({ ok: false, status: 401 });
  });
});

describe('claimsAsApiGatewayPassesThem', () => {
  it('renders numbers, booleans, arrays and objects as API Gateway does', () => {
    expect(claimsAsApiGatewayPassesThem({ exp: 17, ok: true, groups: ['a', 'b'], obj: { x: 1 } })).toEqual({
      exp: '17',
      ok: 'true',
      groups: '[a b]',
      obj: '{"x":1}',
    });
  });
});
