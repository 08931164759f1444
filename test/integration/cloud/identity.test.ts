import { describe, expect, inject, it } from 'vitest';
import { readIssuers } from '../../../local/cloud/identity/issuers.ts';

const cloud = inject('fixtureCloud');
const issuer = readIssuers(`${cloud.dataDir}/identity`)![0]!;

describe('local identity provider', () => {
  it('serves OpenID discovery and the JWKS where Cognito does, under the pool id', async () => {
    const discovery = await (await fetch(`${issuer.issuer}/.well-known/openid-configuration`)).json();
    expect(discovery).toMatchObject({
      issuer: issuer.issuer,
      jwks_uri: `${issuer.issuer}/.well-known/jwks.json`,
    });
    const jwks = await (await fetch(discovery.jwks_uri)).json();
    expect(jwks.keys).toHaveLength(1);
    expect(jwks.keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(jwks.keys[0].d).toBeUndefined();
    expect(issuer.groups).toEqual(['caseworker']);
  });

  it('mints tokens over HTTP that the HTTP API accepts', async () => {
    const minted = await fetch(`${issuer.issuer}/token`, {
      method: 'POST',
      body: JSON.stringify({ role: 'caseworker', username: 'moussa' }),
    });
    const { id_token, access_token } = await minted.json();
    for (const token of [id_token, access_token]) {
      const response = await fetch(`${cloud.endpoints.api}/items/t`, {
        headers: { authorization: `Bearer ${token}` },
      });
      expect(response.status).toBe(200);
    }
  });
});
