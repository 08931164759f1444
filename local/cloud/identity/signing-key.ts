import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, importJWK, type JWK } from 'jose';

export interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  /** The public half, as the JWKS serves it. */
  publicJwk: JWK;
}

const FILE = 'signing-key.json';

/**
 * The local issuer's RS256 key pair, created once and kept in `<identityDir>/signing-key.json`
 * so tokens minted before a restart stay valid after it.
 */
export async function loadOrCreateSigningKey(identityDir: string): Promise<SigningKey> {
  const path = join(identityDir, FILE);
  let privateJwk: JWK;
  if (existsSync(path)) {
    privateJwk = JSON.parse(readFileSync(path, 'utf8')) as JWK;
  } else {
    const { privateKey } = await generateKeyPair('RS256', { extractable: true });
    privateJwk = { ...(await exportJWK(privateKey)), alg: 'RS256', use: 'sig', kid: crypto.randomUUID() };
    mkdirSync(identityDir, { recursive: true });
    writeFileSync(path, JSON.stringify(privateJwk), { mode: 0o600 });
  }
  const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = privateJwk;
  return {
    kid: privateJwk.kid!,
    privateKey: (await importJWK(privateJwk, 'RS256')) as CryptoKey,
    publicJwk,
  };
}
