import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { UserPoolModel } from '../model/user-pools.ts';

/** A local issuer standing in for one Cognito user pool. */
export interface LocalIssuer {
  userPoolId: string;
  /** What tokens carry in `iss` locally: `<identity url>/<user pool id>`, like Cognito's URL layout. */
  issuer: string;
  /** The pool's issuer on AWS, as authorizers in the template name it. */
  cloudIssuer: string;
  clientIds: string[];
  groups: string[];
}

const FILE = 'issuers.json';

export function localIssuers(userPools: UserPoolModel[], identityUrl: string): LocalIssuer[] {
  return userPools.map((pool) => ({
    userPoolId: pool.userPoolId,
    issuer: `${identityUrl}/${pool.userPoolId}`,
    cloudIssuer: pool.cloudIssuer,
    clientIds: pool.clientIds,
    groups: pool.groups,
  }));
}

/** Written at start so `npm run token` mints tokens for the running cloud without reading the assembly. */
export function writeIssuers(identityDir: string, issuers: LocalIssuer[]): void {
  mkdirSync(identityDir, { recursive: true });
  writeFileSync(join(identityDir, FILE), JSON.stringify(issuers, null, 2));
}

export function readIssuers(identityDir: string): LocalIssuer[] | undefined {
  const path = join(identityDir, FILE);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as LocalIssuer[]) : undefined;
}

/**
 * The local issuer an authorizer's configured issuer stands for: the user pool it names, or, for
 * an issuer that is not a known pool (another IdP), a local issuer of the same name.
 */
export function mapIssuer(configured: string, issuers: LocalIssuer[], identityUrl: string): string {
  const trimmed = configured.replace(/\/$/, '');
  const pool = issuers.find((i) => i.cloudIssuer === trimmed);
  if (pool) return pool.issuer;
  const poolId = trimmed.split('/').pop() ?? 'default';
  return `${identityUrl}/${poolId}`;
}
