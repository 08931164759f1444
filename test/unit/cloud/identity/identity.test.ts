import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLocalJWKSet, decodeJwt, jwtVerify } from 'jose';
import { describe, expect, it } from 'vitest';
import {
  localIssuers,
  mapIssuer,
  readIssuers,
  writeIssuers,
} from '../../../../local/cloud/identity/issuers.ts';
import { mintToken } from '../../../../local/cloud/identity/mint-token.ts';
import { loadOrCreateSigningKey } from '../../../../local/cloud/identity/signing-key.ts';

describe('local identity', () => {
  it('keeps its signing key across loads, so tokens survive a restart', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-test-'));
    const first = await loadOrCreateSigningKey(dir);
    const token = await mintToken(first, { issuer: 'http://i/p', clientId: 'c' });
    const again = await loadOrCreateSigningKey(dir);
    expect(again.kid).toBe(first.kid);
    expect(again.publicJwk).not.toHaveProperty('d');
    await expect(jwtVerify(token, createLocalJWKSet({ keys: [again.publicJwk] }))).resolves.toBeDefined();
  });

  it('mints Cognito-shaped id and access tokens', async () => {
    const key = await loadOrCreateSigningKey(mkdtempSync(join(tmpdir(), 'identity-test-')));
    const id = decodeJwt(
      await mintToken(key, {
        issuer: 'http://i/p',
        clientId: 'c',
        role: 'partner',
        partnerId: 'org',
        username: 'awa',
      }),
    );
    expect(id).toMatchObject({
      iss: 'http://i/p',
      aud: 'c',
      token_use: 'id',
      'cognito:groups': ['partner'],
      'custom:partnerId': 'org',
      'cognito:username': 'awa',
    });
    expect(id.exp! - id.iat!).toBe(3600);
    const access = decodeJwt(
      await mintToken(key, {
        issuer: 'http://i/p',
        clientId: 'c',
        tokenUse: 'access',
        username: 'awa',
        ttlSeconds: 60,
      }),
    );
    expect(access).toMatchObject({
      client_id: 'c',
      token_use: 'access',
      username: 'awa',
      scope: 'aws.cognito.signin.user.admin',
    });
    expect(access.aud).toBeUndefined();
    expect(access.sub).toBe(id.sub);
  });

  it('maps a user pool’s Cognito issuer to its local issuer, and records the issuers for the token CLI', () => {
    const dir = mkdtempSync(join(tmpdir(), 'identity-test-'));
    const issuers = localIssuers(
      [
        {
          logicalId: 'P',
          stackName: 'S',
          userPoolId: 'us-east-1_abc',
          cloudIssuer: 'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc',
          clientIds: ['c'],
          groups: ['intake'],
        },
      ],
      'http://127.0.0.1:3001',
    );
    writeIssuers(dir, issuers);
    expect(readIssuers(dir)).toEqual(issuers);
    expect(
      mapIssuer(
        'https://cognito-idp.us-east-1.amazonaws.com/us-east-1_abc/',
        issuers,
        'http://127.0.0.1:3001',
      ),
    ).toBe('http://127.0.0.1:3001/us-east-1_abc');
  });
});
